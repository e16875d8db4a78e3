"""The session file in the REST API (decision 0114): the summary as JSON and the watermarked PDF,
the own copy or (for the office) an invited person's copy. Access: ``access_session_file``."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from haertefall.audit.models import AuditEntry

from .access import access_session_file
from .session_file import (
    recipient_name,
    session_file_content,
    session_file_log,
    session_file_pdf,
    watermark_text,
)


class PersonOut(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    family_name = serializers.CharField()
    given_names = serializers.CharField()
    relationship = serializers.CharField(source="get_relationship_display")
    birth_date = serializers.DateField(allow_null=True)
    nationality = serializers.CharField()


class StatementOut(serializers.Serializer):
    authority = serializers.CharField()
    answered_on = serializers.DateField()
    text = serializers.CharField(source="answer_text")


class GroundOut(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class DocumentOut(serializers.Serializer):
    id = serializers.IntegerField(source="document.pk")
    title = serializers.CharField(source="document.title")
    doc_type = serializers.CharField(source="document.get_doc_type_display")
    document_date = serializers.DateField(source="document.document_date", allow_null=True)
    original_name = serializers.CharField(source="document.original_name")
    in_pdf = serializers.SerializerMethodField(help_text="PDF- und Bilddokumente werden dem PDF angefügt; "
                                                         "andere nur hier aufgeführt.")

    def get_in_pdf(self, doc) -> bool:
        return doc.kind != "other"


class ItemOut(serializers.Serializer):
    item_id = serializers.IntegerField(source="item.pk")
    position = serializers.IntegerField(source="item.position")
    subject = serializers.CharField(source="item.get_subject_display")
    facts = serializers.CharField(source="item.facts")
    case_id = serializers.IntegerField(source="item.case_id")
    file_number = serializers.CharField(source="item.case.file_number")
    country = serializers.CharField(source="item.case.country")
    received_on = serializers.DateField(source="item.case.received_on")
    authority = serializers.CharField(source="item.case.authority", allow_null=True)
    prior_procedure = serializers.CharField(source="item.case.prior_procedure")
    reasons = serializers.ListField(child=serializers.CharField())
    reasons_text = serializers.CharField(source="item.case.reasons_text")
    statement = StatementOut(allow_null=True)
    regular_grounds = GroundOut(source="grounds", many=True)
    persons = PersonOut(many=True)
    documents = DocumentOut(many=True)


class SessionFileOut(serializers.Serializer):
    meeting_id = serializers.IntegerField()
    title = serializers.CharField()
    date = serializers.DateField()
    recipient_id = serializers.IntegerField()
    recipient = serializers.CharField()
    watermark = serializers.CharField()
    items = ItemOut(many=True)


class SessionFileApi(APIView):
    @extend_schema(responses=SessionFileOut, summary="Sitzungsmappe: Tagesordnung mit Fallübersichten und Unterlagen")
    def get(self, request, pk, user_pk=None):
        meeting, recipient = access_session_file(user=request.user, meeting_id=pk, recipient_id=user_pk,
                                                 request=request)
        entries = session_file_content(meeting=meeting, recipient=recipient)
        session_file_log(user=request.user, meeting=meeting, recipient=recipient, entries=entries,
                         action=AuditEntry.Action.READ, request=request, via=" (API)")
        return Response(SessionFileOut({
            "meeting_id": meeting.pk, "title": meeting.title, "date": meeting.date, "recipient_id": recipient.pk,
            "recipient": recipient_name(recipient),
            "watermark": watermark_text(recipient=recipient, on=timezone.localdate()), "items": entries,
        }).data)


class SessionFilePdfApi(APIView):
    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY},
                   summary="Sitzungsmappe als PDF (persönliche Ausfertigung mit Wasserzeichen)")
    def get(self, request, pk, user_pk=None):
        meeting, recipient = access_session_file(user=request.user, meeting_id=pk, recipient_id=user_pk,
                                                 request=request)
        entries = session_file_content(meeting=meeting, recipient=recipient)
        data = session_file_pdf(meeting=meeting, recipient=recipient, on=timezone.localdate(), entries=entries)
        session_file_log(user=request.user, meeting=meeting, recipient=recipient, entries=entries,
                         action=AuditEntry.Action.DOWNLOAD, request=request, via=" (PDF, API)")
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(True, f"sitzungsmappe-{meeting.date:%Y-%m-%d}.pdf")
        return response


# The same reads for someone else's copy (the office checks it): own classes so that the schema
# gives each path its own operation.
class SessionFileForApi(SessionFileApi):
    @extend_schema(responses=SessionFileOut, operation_id="meetings_session_file_of_person",
                   summary="Sitzungsmappe einer eingeladenen Person (Prüfung durch die Geschäftsstelle)")
    def get(self, request, pk, user_pk=None):
        return super().get(request, pk, user_pk)


class SessionFilePdfForApi(SessionFilePdfApi):
    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY},
                   operation_id="meetings_session_file_pdf_of_person",
                   summary="Sitzungsmappe einer eingeladenen Person als PDF (Prüfung durch die Geschäftsstelle)")
    def get(self, request, pk, user_pk=None):
        return super().get(request, pk, user_pk)
