"""REST API of the register import: the same three things the upload page does."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from haertefall.core.errors import AccessDenied

from . import template
from .access import access_import_job, can_import
from .jobs import import_job_confirm, import_job_create
from .models import ImportJob


class ImportErrorSerializer(serializers.Serializer):
    line = serializers.IntegerField(help_text="Zeile in der Datei (Kopfzeile = 1)")
    column = serializers.CharField(help_text="Spalte, leer bei Fehlern der ganzen Datei")
    value = serializers.CharField()
    message = serializers.CharField()
    text = serializers.CharField(help_text="Vollständige deutsche Meldung")


class ImportJobSerializer(serializers.ModelSerializer):
    errors = ImportErrorSerializer(many=True, read_only=True)
    percent = serializers.IntegerField(read_only=True)
    created_by = serializers.StringRelatedField()

    class Meta:
        model = ImportJob
        fields = ["id", "original_name", "size", "dry_run", "status", "phase", "total", "done", "percent",
                  "errors", "report", "created_by", "created_at", "started_at", "finished_at", "follow_up"]
        read_only_fields = fields


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="Registerdatei (.csv oder .xlsx)")
    dry_run = serializers.BooleanField(default=True, help_text="Probelauf: nur prüfen, nichts speichern")


def _office_or_404(user):
    if not can_import(user):
        raise AccessDenied


class ImportJobListApi(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(responses=ImportJobSerializer(many=True), summary="Letzte Register-Importe")
    def get(self, request):
        _office_or_404(request.user)
        jobs = ImportJob.objects.select_related("created_by")[:50]
        return Response(ImportJobSerializer(jobs, many=True).data)

    @extend_schema(request=ImportUploadSerializer, responses={201: ImportJobSerializer},
                   summary="Registerdatei hochladen (Probelauf oder Import)")
    def post(self, request):
        _office_or_404(request.user)
        data = ImportUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = import_job_create(upload=data.validated_data["file"], dry_run=data.validated_data["dry_run"],
                                actor=request.user)
        return Response(ImportJobSerializer(job).data, status=status.HTTP_201_CREATED)


class ImportJobDetailApi(APIView):
    @extend_schema(responses=ImportJobSerializer, summary="Stand und Bericht eines Imports")
    def get(self, request, job_id):
        job = access_import_job(user=request.user, job_id=job_id, for_write=False)
        return Response(ImportJobSerializer(job).data)


class ImportJobConfirmApi(APIView):
    @extend_schema(request=None, responses={201: ImportJobSerializer},
                   summary="Fehlerfreien Probelauf als Import ausführen")
    def post(self, request, job_id):
        job = access_import_job(user=request.user, job_id=job_id, for_write=True)
        real = import_job_confirm(job=job, actor=request.user)
        return Response(ImportJobSerializer(real).data, status=status.HTTP_201_CREATED)


class ImportTemplateXlsxApi(APIView):
    @extend_schema(responses={(200, template.XLSX_TYPE): OpenApiTypes.BINARY},
                   summary="Vorlage für den Register-Import (Excel: Spalten, erlaubte Werte, Erläuterung)")
    def get(self, request):
        _office_or_404(request.user)
        return template.template_download("xlsx")


class ImportTemplateCsvApi(APIView):
    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.BINARY},
                   summary="Vorlage für den Register-Import (CSV: nur die Kopfzeile)")
    def get(self, request):
        _office_or_404(request.user)
        return template.template_download("csv")
