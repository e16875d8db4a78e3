"""REST API: correct a recorded vote or the reasons of a decision before approval (decision 0121)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .access import access_meeting
from .api import AgendaItemSerializer, VotesInput, _votes
from .models import AgendaItem
from .services.corrections import REASON_MAX, item_decision_correct


class DecisionCorrectionInput(serializers.Serializer):
    reason = serializers.CharField(max_length=REASON_MAX, help_text="Grund der Korrektur (Pflicht).")
    votes = VotesInput(required=False, allow_null=True, default=None,
                       help_text="Korrigierte Stimmenzahlen; ohne Angabe bleiben sie, wie erfasst.")
    recommendation_votes = VotesInput(required=False, allow_null=True, default=None)
    reasons = serializers.CharField(required=False, allow_null=True, default=None,
                                    help_text="Korrigierte Gründe für das Protokoll; ohne Angabe bleiben sie.")


class ItemDecisionCorrectionApi(APIView):
    @extend_schema(request=DecisionCorrectionInput, responses=AgendaItemSerializer,
                   summary="Abstimmung oder Gründe eines Beschlusses korrigieren (vor der Genehmigung des Protokolls)")
    def post(self, request, pk, item_pk):
        meeting = access_meeting(user=request.user, meeting_id=pk, for_write=True, request=request)
        item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
        data = DecisionCorrectionInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        item_decision_correct(item=item, actor=request.user, reason=v["reason"], votes=_votes(v["votes"]),
                              recommendation_votes=_votes(v["recommendation_votes"]), reasons=v["reasons"])
        item = AgendaItem.objects.get(pk=item.pk)
        return Response(AgendaItemSerializer(item, context={"request": request}).data)
