"""API to remove or replace a document of the case file and to list removed ones
(decision 0112), office only; the pages are ``document_views``."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from haertefall.core.errors import AccessDenied

from .access import access_document_for_change, documents_removed_for
from .api import TAG, _case
from .serializers import (
    DocumentRemoveSerializer,
    DocumentReplaceSerializer,
    DocumentSerializer,
    RemovedDocumentSerializer,
)
from .services.documents import document_remove, document_replace


def _document(request, case, document_pk):
    try:
        return access_document_for_change(user=request.user, case=case, document_id=document_pk, request=request)
    except AccessDenied:
        raise NotFound("Dokument nicht gefunden.") from None


class DocumentRemoveApi(APIView):
    @extend_schema(tags=[TAG], summary="Dokument mit Begründung entfernen (nur Geschäftsstelle)",
                   request=DocumentRemoveSerializer, responses=RemovedDocumentSerializer)
    def post(self, request, pk, document_pk):
        case = _case(request, pk, for_write=True)
        document = _document(request, case, document_pk)
        serializer = DocumentRemoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        removed = document_remove(document=document, actor=request.user, reason=serializer.validated_data["reason"])
        return Response(RemovedDocumentSerializer(removed).data)


class DocumentReplaceApi(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(tags=[TAG], summary="Dokument mit Begründung durch eine neue Datei ersetzen (multipart)",
                   request=DocumentReplaceSerializer, responses={201: DocumentSerializer})
    def post(self, request, pk, document_pk):
        case = _case(request, pk, for_write=True)
        document = _document(request, case, document_pk)
        serializer = DocumentReplaceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        new = document_replace(document=document, actor=request.user, reason=data["reason"], upload=data["file"],
                               title=data["title"], document_date=data["document_date"])
        return Response(DocumentSerializer(new).data, status=status.HTTP_201_CREATED)


class RemovedDocumentsApi(APIView):
    @extend_schema(tags=[TAG], summary="Entfernte und ersetzte Dokumente des Falls (nur Geschäftsstelle)",
                   responses=RemovedDocumentSerializer(many=True))
    def get(self, request, pk):
        case = _case(request, pk, for_write=True)
        return Response(RemovedDocumentSerializer(documents_removed_for(user=request.user, case=case),
                                                  many=True).data)
