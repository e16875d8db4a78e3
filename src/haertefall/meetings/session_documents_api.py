"""REST API: the documents the office released for the session file of an agenda item
(decision 0114). Office only (``access_meeting`` with ``for_write``); others get 404."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log

from .access import access_meeting
from .models import AgendaItem
from .selectors import session_document_choices
from .services.session_documents import agenda_item_documents_set, session_documents_refusal


class SessionDocumentsInput(serializers.Serializer):
    documents = serializers.ListField(
        child=serializers.IntegerField(min_value=1), allow_empty=True,
        help_text="Die Nummern der Dokumente des Falls, die die Eingeladenen in ihrer Sitzungsmappe erhalten; "
        "ersetzt die bisherige Freigabe. Eine leere Liste nimmt alle Freigaben zurück.")


class SessionDocumentOut(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    kind = serializers.CharField(source="get_doc_type_display", help_text="Art des Dokuments")
    document_date = serializers.DateField(allow_null=True)
    released = serializers.BooleanField(help_text="Für die Sitzungsmappe freigegeben")


class SessionDocumentsOut(serializers.Serializer):
    documents = serializers.ListField(child=serializers.IntegerField(),
                                      help_text="Die freigegebenen Dokumente (Nummern), nach Datum des Dokuments.")
    choices = SessionDocumentOut(many=True, help_text="Alle Dokumente, die freigegeben werden können.")
    refusal = serializers.CharField(allow_null=True,
                                    help_text="Warum die Freigabe nicht mehr geändert werden kann (sonst leer).")


class SessionDocumentsApi(APIView):
    def _item(self, request, pk, item_pk):
        meeting = access_meeting(user=request.user, meeting_id=pk, for_write=True, request=request)
        return get_object_or_404(AgendaItem.objects.select_related("case", "meeting"), pk=item_pk, meeting=meeting)

    def _response(self, item):
        choices = list(session_document_choices(item))
        released = set(item.session_documents.values_list("pk", flat=True))
        for document in choices:
            document.released = document.pk in released
        return Response(SessionDocumentsOut({
            "documents": [d.pk for d in choices if d.released], "choices": choices,
            "refusal": session_documents_refusal(item.meeting),
        }).data)

    @extend_schema(responses=SessionDocumentsOut, summary="Unterlagen für die Sitzungsmappe eines Tagesordnungspunkts")
    def get(self, request, pk, item_pk):
        item = self._item(request, pk, item_pk)
        audit_log(user=request.user, action=AuditEntry.Action.READ, obj=item, case=item.case, request=request,
                  detail="Unterlagen für die Sitzungsmappe")
        return self._response(item)

    @extend_schema(request=SessionDocumentsInput, responses=SessionDocumentsOut,
                   summary="Unterlagen für die Sitzungsmappe freigeben (ersetzt die bisherige Freigabe)")
    def put(self, request, pk, item_pk):
        item = self._item(request, pk, item_pk)
        data = SessionDocumentsInput(data=request.data)
        data.is_valid(raise_exception=True)
        agenda_item_documents_set(item=item, actor=request.user, document_ids=data.validated_data["documents"])
        return self._response(item)
