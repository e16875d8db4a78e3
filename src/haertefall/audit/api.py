"""REST API for the data-protection officer: the same search as /protokoll/, itself logged."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers, viewsets

from .access import can_read_audit
from .forms import AuditSearchForm
from .models import AuditEntry
from .presenters import object_label, role_label
from .selectors import AuditQuery, audit_search
from .services import audit_log


class IsAuditReader(permissions.BasePermission):
    message = "Nur die/der Datenschutzbeauftragte liest das Protokoll."

    def has_permission(self, request, view):
        return can_read_audit(request.user)


class AuditEntrySerializer(serializers.ModelSerializer):
    role_label = serializers.SerializerMethodField(help_text="Rolle, wie sie die Seite nennt")
    action_label = serializers.CharField(source="get_action_display", read_only=True)
    object_label = serializers.SerializerMethodField(help_text="Objekt auf Deutsch, z. B. „Fall HFK-2024-0001“")

    class Meta:
        model = AuditEntry
        fields = ["id", "at", "username", "role", "role_label", "action", "action_label", "object_type",
                  "object_label", "object_id", "case_id", "file_number", "person_ids", "ip_address", "detail"]
        read_only_fields = fields

    def get_role_label(self, entry) -> str:
        return role_label(entry.role)

    def get_object_label(self, entry) -> str:
        return object_label(entry)


_PARAMS = [
    OpenApiParameter("person", str, description="Name einer Person: jeder Zugriff auf ihre Akte"),
    OpenApiParameter("file_number", str, description="Aktenzeichen"),
    OpenApiParameter("username", str, description="Benutzername"),
    OpenApiParameter("date_from", str, description="Von (JJJJ-MM-TT)"),
    OpenApiParameter("date_to", str, description="Bis (JJJJ-MM-TT)"),
    OpenApiParameter("action", str, enum=AuditEntry.Action.values, description="Aktion"),
]


class AuditEntryViewSet(viewsets.GenericViewSet):
    """Zugriffsprotokoll durchsuchen (nur Datenschutzbeauftragte)."""

    permission_classes = [IsAuditReader]
    serializer_class = AuditEntrySerializer
    queryset = AuditEntry.objects.none()
    filter_backends = []

    @extend_schema(parameters=_PARAMS, summary="Protokoll durchsuchen")
    def list(self, request):
        form = AuditSearchForm(request.query_params)
        if not form.is_valid():
            raise serializers.ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
        query = AuditQuery(**form.cleaned_data)
        result = audit_search(query)
        audit_log(user=request.user, action=AuditEntry.Action.SEARCH, object_type="audit.auditentry",
                  person_ids=result.person_ids, request=request, detail="API – " + query.describe())
        page = self.paginate_queryset(result.entries)
        return self.get_paginated_response(AuditEntrySerializer(page, many=True).data)
