"""REST API of the correspondence part: letters (draft, correct, preview, send, download), the
letterhead and templates."""

from django.http import FileResponse, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.core.errors import AccessDenied

from . import services
from .access import (
    access_case_letters,
    access_letter,
    can_edit_letterhead,
    can_list_letters,
    letters_visible_for,
    require_office,
)
from .models import LETTER_FILE_NAMES, Channel, Letter, Letterhead, LetterKind, LetterTemplate
from .placeholders import KNOWN_PLACEHOLDERS


class LetterSerializer(serializers.ModelSerializer):
    file_number = serializers.CharField(source="case.file_number", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    channel_label = serializers.CharField(source="get_channel_display", read_only=True)
    channel = serializers.ChoiceField(choices=Channel.choices, allow_blank=True, read_only=True,
                                      help_text="Leer, solange das Schreiben ein Entwurf ist.")

    class Meta:
        model = Letter
        fields = ["id", "case", "file_number", "kind", "kind_label", "status", "status_label", "recipient",
                  "recipient_address", "salutation", "additional_text", "contact_name", "contact_phone",
                  "contact_email", "letter_date", "template_version", "docx", "pdf", "channel", "channel_label",
                  "dispatched_on", "created_at"]
        read_only_fields = fields


class LetterDraftInput(serializers.Serializer):
    recipient = serializers.CharField(max_length=200, required=False)
    recipient_address = serializers.CharField(required=False, allow_blank=True)
    salutation = serializers.CharField(max_length=200, required=False)
    additional_text = serializers.CharField(required=False, allow_blank=True)
    contact_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    contact_phone = serializers.CharField(max_length=50, required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    letter_date = serializers.DateField(required=False)


class LetterSendInput(serializers.Serializer):
    dispatched_on = serializers.DateField()
    channel = serializers.ChoiceField(choices=Channel.choices)


class LetterheadSerializer(serializers.ModelSerializer):
    class Meta:
        model = Letterhead
        fields = ["name", "addition", "address", "return_line", "phone", "email", "website", "footer", "logo"]
        read_only_fields = ["logo"]


class LetterheadInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    addition = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    address = serializers.CharField()
    return_line = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    website = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    footer = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    logo = serializers.FileField(required=False, allow_null=True, default=None, help_text="PNG oder JPEG, höchstens 1 MB")
    remove_logo = serializers.BooleanField(required=False, default=False)


class LetterInput(serializers.Serializer):
    case = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=LetterKind.choices)
    letter_date = serializers.DateField(required=False, allow_null=True, default=None)


class TemplateSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    name = serializers.CharField(allow_null=True)
    version = serializers.IntegerField(allow_null=True, help_text="Leer: mitgelieferte Standardvorlage.")
    uploaded_at = serializers.DateTimeField(allow_null=True)


class PlaceholderSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="Im Word-Dokument als {{ name }} geschrieben.")
    description = serializers.CharField()
    example = serializers.CharField()


class TemplateUploadInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=LetterKind.choices)
    name = serializers.CharField(required=False, allow_blank=True, default="")
    file = serializers.FileField()


def _template_row(kind, label, template: LetterTemplate | None) -> dict:
    return {"kind": kind, "label": label, "name": template.name if template else None,
            "version": template.version if template else None,
            "uploaded_at": template.uploaded_at if template else None}


@extend_schema_view(list=extend_schema(summary="Schreiben (Entwürfe und versandte)", parameters=[
    OpenApiParameter("case", OpenApiTypes.INT, description="Nur Schreiben dieses Falls")]))
class LetterViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = LetterSerializer

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not can_list_letters(request.user):
            raise AccessDenied

    def get_queryset(self):
        qs = letters_visible_for(self.request.user)
        case = self.request.query_params.get("case")
        if case:
            qs = qs.filter(case_id=case) if case.isdigit() else qs.none()
        return qs

    @extend_schema(summary="Entwurf eines Schreibens anlegen", request=LetterInput, responses={201: LetterSerializer})
    def create(self, request):
        require_office(request.user)
        serializer = LetterInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        case = access_case_letters(user=request.user, case_id=data["case"], for_write=True, request=request)
        letter = services.letter_generate(case=case, kind=data["kind"], actor=request.user,
                                          letter_date=data["letter_date"])
        return Response(LetterSerializer(letter).data, status=status.HTTP_201_CREATED)

    def _draft(self, request, pk) -> Letter:
        letter = access_letter(user=request.user, pk=pk, for_write=True, request=request)
        if not letter.is_draft:
            raise AccessDenied
        return letter

    @extend_schema(summary="Entwurf korrigieren (Empfänger, Anschrift, Anrede, ergänzender Text, "
                           "Ansprechperson, Datum)", request=LetterDraftInput, responses=LetterSerializer)
    def partial_update(self, request, pk=None):
        letter = self._draft(request, pk)
        serializer = LetterDraftInput(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        letter = services.letter_draft_update(letter=letter, actor=request.user, **serializer.validated_data)
        return Response(LetterSerializer(letter).data)

    @extend_schema(summary="Entwurf verwerfen", request=None, responses={204: None})
    def destroy(self, request, pk=None):
        services.letter_discard(letter=self._draft(request, pk), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(summary="PDF-Vorschau des Entwurfs (nicht abgelegt)",
                   responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def preview(self, request, pk=None):
        letter = self._draft(request, pk)
        pdf = services.letter_preview_pdf(letter)
        audit_log(user=request.user, action=AuditEntry.Action.DOWNLOAD, obj=letter, case=letter.case,
                  request=request, detail="Vorschau des Entwurfs")
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="Entwurf-{services.letter_file_stem(letter)}.pdf"'
        return response

    @extend_schema(summary="Entwurf versenden: als PDF/A und DOCX in der Akte ablegen, Versand erfassen",
                   request=LetterSendInput, responses=LetterSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        letter = self._draft(request, pk)
        serializer = LetterSendInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        letter = services.letter_send(letter=letter, actor=request.user, **serializer.validated_data)
        return Response(LetterSerializer(letter).data)

    @extend_schema(summary="Versandtes Schreiben herunterladen",
                   responses={(200, "application/pdf"): OpenApiTypes.BINARY, (200, services.DOCX_TYPE): OpenApiTypes.BINARY},
                   parameters=[OpenApiParameter("file", str, enum=["docx", "pdf"], description="Dateiformat")])
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        fmt = request.query_params.get("file", "pdf")
        if fmt not in ("docx", "pdf"):
            raise AccessDenied
        letter = access_letter(user=request.user, pk=pk, for_write=False, request=request)
        document = letter.docx if fmt == "docx" else letter.pdf
        if document is None:
            raise AccessDenied
        audit_log(user=request.user, action=AuditEntry.Action.DOWNLOAD, obj=document, case=letter.case,
                  request=request)
        return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.original_name,
                            content_type=document.content_type)


class LetterheadApi(APIView):
    """The office's letterhead (DIN 5008): read by the office, set by the head of the office."""

    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(summary="Briefkopf der Geschäftsstelle", responses=LetterheadSerializer)
    def get(self, request):
        require_office(request.user)
        return Response(LetterheadSerializer(services.letterhead_current()).data)

    @extend_schema(summary="Briefkopf festlegen (Leitung der Geschäftsstelle)",
                   request={"multipart/form-data": LetterheadInput, "application/json": LetterheadInput},
                   responses={201: LetterheadSerializer})
    def post(self, request):
        if not can_edit_letterhead(request.user):
            raise AccessDenied
        serializer = LetterheadInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        logo, remove_logo = data.pop("logo"), data.pop("remove_logo")
        letterhead = services.letterhead_save(actor=request.user, data=data, logo=logo, remove_logo=remove_logo)
        return Response(LetterheadSerializer(letterhead).data, status=status.HTTP_201_CREATED)


class TemplateViewSet(viewsets.ViewSet):
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    lookup_field = "kind"
    lookup_value_regex = "[a-z_]+"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        require_office(request.user)

    @extend_schema(summary="Briefvorlagen je Art (gültige Fassung)", responses=TemplateSerializer(many=True))
    def list(self, request):
        require_office(request.user)
        active = {t.kind: t for t in LetterTemplate.objects.filter(active=True)}
        rows = [_template_row(kind, label, active.get(kind)) for kind, label in LetterKind.choices]
        return Response(TemplateSerializer(rows, many=True).data)

    @extend_schema(summary="Die Platzhalter, die eine Vorlage enthalten darf", responses=PlaceholderSerializer(many=True))
    @action(detail=False, methods=["get"])
    def placeholders(self, request):
        rows = [{"name": name, "description": p.description, "example": p.example}
                for name, p in KNOWN_PLACEHOLDERS.items()]
        return Response(PlaceholderSerializer(rows, many=True).data)

    @extend_schema(summary="Neue Fassung einer Vorlage hochladen (geprüft: DOCX, nur bekannte Platzhalter)",
                   request={"multipart/form-data": TemplateUploadInput}, responses={201: TemplateSerializer})
    def create(self, request):
        require_office(request.user)
        serializer = TemplateUploadInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        template = services.template_upload(kind=data["kind"], name=data["name"], data=data["file"].read(),
                                            actor=request.user)
        return Response(TemplateSerializer(_template_row(template.kind, template.get_kind_display(), template)).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(summary="Gültige Vorlage herunterladen (DOCX)",
                   responses={(200, services.DOCX_TYPE): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request, kind=None):
        require_office(request.user)
        if kind not in LetterKind.values:
            raise AccessDenied
        _template, data = services.template_bytes(kind)
        response = HttpResponse(data, content_type=services.DOCX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="Vorlage-{LETTER_FILE_NAMES[kind]}.docx"'
        return response
