"""REST API for retention periods: the administration changes them, the DPO reads them."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.response import Response

from .access import can_change_retention_rules, can_read_retention_rules
from .models import RetentionRule
from .services import retention_rule_set


class RetentionRulePermission(permissions.BasePermission):
    message = "Löschfristen sehen Administration und Datenschutz; ändern darf nur die Administration."

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return can_read_retention_rules(request.user)
        return can_change_retention_rules(request.user)


class RetentionRuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = RetentionRule
        fields = ["id", "closure", "years", "basis"]
        read_only_fields = ["id", "closure"]


class RetentionRuleViewSet(viewsets.GenericViewSet):
    """Aufbewahrungsfristen je Erledigungsart (Löschkonzept)."""

    permission_classes = [RetentionRulePermission]
    serializer_class = RetentionRuleSerializer
    queryset = RetentionRule.objects.all()
    pagination_class = None

    def list(self, request):
        return Response(RetentionRuleSerializer(self.get_queryset(), many=True).data)

    @extend_schema(request=RetentionRuleSerializer, responses=RetentionRuleSerializer, summary="Frist ändern")
    def partial_update(self, request, pk=None):
        try:
            rule = RetentionRule.objects.get(pk=pk)
        except (RetentionRule.DoesNotExist, ValueError):
            raise Http404 from None
        data = RetentionRuleSerializer(rule, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        rule = retention_rule_set(actor=request.user, closure=rule.closure,
                                  years=data.validated_data.get("years", rule.years),
                                  basis=data.validated_data.get("basis", ""))
        return Response(RetentionRuleSerializer(rule).data)
