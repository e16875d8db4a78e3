"""REST API of the correspondence part: letters (generate, download) and templates."""

from django.http import FileResponse, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.core.errors import AccessDenied

from . import services
from .access import (
    access_case_letters,
    access_letter,
    can_list_letters,
    letters_visible_for,
    require_office,
)
from .models import Letter, LetterKind, LetterTemplate
from .placeholders import KNOWN_PLACEHOLDERS


class LetterSerializer(serializers.ModelSerializer):
    file_number = serializers.CharField(source="case.file_number", read_only=True)

    class Meta:
        model = Letter
        fields = ["id", "case", "file_number", "kind", "recipient", "letter_date", "template_version", "docx",
                  "pdf", "created_at"]


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


class TemplateUploadInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=LetterKind.choices)
    name = serializers.CharField(required=False, allow_blank=True, default="")
    file = serializers.FileField()


def _template_row(kind, label, template: LetterTemplate | None) -> dict:
    return {"kind": kind, "label": label, "name": template.name if template else None,
            "version": template.version if template else None,
            "uploaded_at": template.uploaded_at if template else None}


@extend_schema_view(list=extend_schema(summary="Erzeugte Schreiben", parameters=[
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

    @extend_schema(summary="Schreiben erzeugen (DOCX und PDF, in der Akte abgelegt)", request=LetterInput,
                   responses={201: LetterSerializer})
    def create(self, request):
        require_office(request.user)
        serializer = LetterInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        case = access_case_letters(user=request.user, case_id=data["case"], for_write=True, request=request)
        letter = services.letter_generate(case=case, kind=data["kind"], actor=request.user,
                                          letter_date=data["letter_date"])
        return Response(LetterSerializer(letter).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Schreiben herunterladen",
                   responses={(200, "application/pdf"): OpenApiTypes.BINARY, (200, services.DOCX_TYPE): OpenApiTypes.BINARY},
                   parameters=[OpenApiParameter("file", str, enum=["docx", "pdf"], description="Dateiformat")])
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        fmt = request.query_params.get("file", "pdf")
        if fmt not in ("docx", "pdf"):
            raise AccessDenied
        letter = access_letter(user=request.user, pk=pk, for_write=False, request=request)
        document = letter.docx if fmt == "docx" else letter.pdf
        audit_log(user=request.user, action=AuditEntry.Action.DOWNLOAD, obj=document, case=letter.case,
                  request=request)
        return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.original_name,
                            content_type=document.content_type)


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
        rows = [{"name": name, "description": text} for name, text in KNOWN_PLACEHOLDERS.items()]
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
        response["Content-Disposition"] = f'attachment; filename="vorlage-{kind}.docx"'
        return response
