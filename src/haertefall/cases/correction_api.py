"""REST API of corrections with a reason (decision 0121): the same services as the pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from haertefall.registers.models import Authority

from .api import TAG, _case, _detail
from .models import Person, ReasonCategory, SubmitterKind
from .serializers import CaseDetailSerializer, NationalityField, PersonSerializer
from .services.corrections import REASON_MAX, case_correct, person_correct

REASON_HELP = "Grund der Korrektur (Pflicht); steht mit altem und neuem Wert im Verlauf."


class CaseCorrectInputSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="Version, die korrigiert wurde (optimistische Sperre).")
    reason = serializers.CharField(max_length=REASON_MAX, help_text=REASON_HELP)
    received_on = serializers.DateField(required=False, help_text="Eingangsdatum (bestimmt das Eingangsjahr).")
    authority = serializers.PrimaryKeyRelatedField(queryset=Authority.objects.all(), required=False,
                                                   allow_null=True)
    submitter_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    submitter_kind = serializers.ChoiceField(choices=SubmitterKind.choices, required=False)
    submitter_contact = serializers.CharField(required=False, allow_blank=True)
    submitter_email = serializers.EmailField(required=False, allow_blank=True)
    reason_categories = serializers.ListField(child=serializers.ChoiceField(choices=ReasonCategory.choices),
                                              required=False)
    reasons_text = serializers.CharField(required=False, allow_blank=True)
    prior_procedure = serializers.CharField(required=False, allow_blank=True)


class PersonCorrectInputSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False, allow_null=True, default=None)
    reason = serializers.CharField(max_length=REASON_MAX, help_text=REASON_HELP)
    family_name = serializers.CharField(max_length=150, required=False)
    given_names = serializers.CharField(max_length=150, required=False, allow_blank=True)
    birth_date = serializers.DateField(required=False, allow_null=True)
    nationality = NationalityField(required=False)


class CaseCorrectApi(APIView):
    @extend_schema(tags=[TAG], summary="Angaben zum Antrag korrigieren (mit Grund)",
                   request=CaseCorrectInputSerializer, responses=CaseDetailSerializer)
    def post(self, request, pk):
        case = _case(request, pk, for_write=True)
        serializer = CaseCorrectInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        version, reason = values.pop("version"), values.pop("reason")
        case = case_correct(case=case, actor=request.user, reason=reason, expected_version=version, **values)
        return Response(_detail(request, case))


class PersonCorrectApi(APIView):
    @extend_schema(tags=[TAG], summary="Angaben einer Person korrigieren (mit Grund)",
                   request=PersonCorrectInputSerializer, responses=PersonSerializer)
    def post(self, request, pk, person_pk):
        case = _case(request, pk, for_write=True)
        person = Person.objects.filter(case=case, pk=person_pk).first()
        if person is None:
            raise NotFound("Person nicht gefunden.")
        serializer = PersonCorrectInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        version, reason = values.pop("version"), values.pop("reason")
        person = person_correct(person=person, actor=request.user, reason=reason, expected_version=version,
                                **values)
        return Response(PersonSerializer(person).data)
