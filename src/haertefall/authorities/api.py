"""REST API of the authorities part. Input serializers parse; access functions check; services write."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from haertefall.cases.models import Document
from haertefall.core.deadlines import Period
from haertefall.core.errors import AccessDenied

from . import services
from .access import (
    access_case_work,
    access_document_release,
    access_hardship_request,
    access_statement_request,
    document_releases_visible_for,
    hardship_requests_visible_for,
    intended_decisions_for_ministry,
    is_authority,
    is_ministry,
    is_office,
    require_office,
    statement_requests_visible_for,
)
from .models import (
    DocumentRelease,
    HardshipRequest,
    IntendedDecision,
    MinistryChannel,
    Outcome,
    PersonOutcome,
    Reminder,
    StatementRequest,
)

# --- output ----------------------------------------------------------------------------------


class StatementRequestSerializer(serializers.ModelSerializer):
    file_number = serializers.CharField(source="case.file_number", read_only=True)
    authority_name = serializers.CharField(source="authority.name", read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = StatementRequest
        fields = ["id", "case", "file_number", "authority", "authority_name", "requested_on", "original_due",
                  "current_due", "extensions", "pauses", "answered_on", "answer_text", "entered_by_office",
                  "overdue"]

    def get_overdue(self, obj) -> bool:
        return obj.is_overdue(timezone.localdate())


class IntendedDecisionSerializer(serializers.ModelSerializer):
    file_number = serializers.CharField(source="hardship_request.case.file_number", read_only=True)
    authority_name = serializers.CharField(source="hardship_request.authority.name", read_only=True)

    class Meta:
        model = IntendedDecision
        fields = ["id", "hardship_request", "file_number", "authority_name", "follow", "reasons", "recorded_on",
                  "entered_by_office", "ministry_informed_at", "ministry_channel", "office_informed_at"]


class PersonOutcomeSerializer(serializers.ModelSerializer):
    class Meta:
        model = PersonOutcome
        fields = ["person", "kind", "other_reason"]


class OutcomeSerializer(serializers.ModelSerializer):
    person_outcomes = PersonOutcomeSerializer(many=True, read_only=True,
                                              help_text="Personen mit abweichendem eigenem Ergebnis (die übrigen "
                                                        "teilen das Ergebnis des Ersuchens).")

    class Meta:
        model = Outcome
        fields = ["id", "hardship_request", "kind", "decided_on", "permit_valid_from", "permit_valid_until",
                  "condition_living_costs", "condition_section_68", "conditions_other", "other_reason",
                  "entered_by_office", "person_outcomes"]


class HardshipRequestSerializer(serializers.ModelSerializer):
    file_number = serializers.CharField(source="case.file_number", read_only=True)
    authority_name = serializers.CharField(source="authority.name", read_only=True)
    intended_decisions = IntendedDecisionSerializer(many=True, read_only=True)
    outcome = OutcomeSerializer(read_only=True, allow_null=True)

    class Meta:
        model = HardshipRequest
        fields = ["id", "case", "file_number", "authority", "authority_name", "sent_on", "letter",
                  "intended_decisions", "outcome"]


class ReminderSerializer(serializers.ModelSerializer):
    file_number = serializers.CharField(source="statement_request.case.file_number", read_only=True)

    class Meta:
        model = Reminder
        fields = ["id", "statement_request", "file_number", "kind", "due_on", "number", "sent_on", "recipient"]


# --- input -----------------------------------------------------------------------------------


class DocumentReleaseSerializer(serializers.ModelSerializer):
    case = serializers.IntegerField(source="document.case_id", read_only=True)
    title = serializers.CharField(source="document.title", read_only=True)
    doc_type = serializers.CharField(source="document.doc_type", read_only=True)
    authority_name = serializers.CharField(source="authority.name", read_only=True)
    released_by = serializers.StringRelatedField()
    withdrawn_by = serializers.StringRelatedField(allow_null=True)  # empty while the release holds

    class Meta:
        model = DocumentRelease
        fields = ["id", "document", "case", "title", "doc_type", "authority", "authority_name", "released_by",
                  "released_at", "withdrawn_by", "withdrawn_at"]


class StatementRequestInput(serializers.Serializer):
    case = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    requested_on = serializers.DateField()
    weeks = serializers.IntegerField(min_value=1, max_value=26, required=False)
    release_documents = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), required=False, default=list,
        help_text="Ids der Dokumente des Falls, die die Behörde mit der Anforderung erhält, jedes als eigene, "
        "protokollierte Freigabe (§ 6 Abs. 2 HFKVO). Ohne Angabe: keines. Ärztliche Atteste und "
        "Identitätsnachweise nur einzeln über /document-releases/ mit Bestätigung.")


class DocumentReleaseInput(serializers.Serializer):
    document = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text="Id des Dokuments.")
    confirm_sensitive = serializers.BooleanField(
        required=False, default=False,
        help_text="Bei ärztlichen Attesten und Identitätsnachweisen erforderlich: bewusste Freigabe.")


class StatementAnswerInput(serializers.Serializer):
    answered_on = serializers.DateField()
    text = serializers.CharField(allow_blank=True, required=False, default="")
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class StatementExtendInput(serializers.Serializer):
    new_due = serializers.DateField()
    reason = serializers.CharField(max_length=300)


class StatementPauseInput(serializers.Serializer):
    day = serializers.DateField()
    reason = serializers.CharField(max_length=300, required=False, default="")


class HardshipRequestInput(serializers.Serializer):
    case = serializers.IntegerField()
    sent_on = serializers.DateField()


# The ways the office may record for a notice it sent itself (not the e-mail from haertefall).
OTHERWISE_CHANNELS = [c for c in MinistryChannel.choices if c[0] != MinistryChannel.EMAIL]


class IntendedDecisionInput(serializers.Serializer):
    hardship_request = serializers.IntegerField()
    follow = serializers.BooleanField()
    reasons = serializers.CharField(allow_blank=True, required=False, default="")
    recorded_on = serializers.DateField()
    informed_otherwise_on = serializers.DateField(
        required=False, allow_null=True, default=None,
        help_text="Nur Geschäftsstelle: Tag, an dem das Ministerium anderweitig informiert wurde (statt E-Mail).")
    informed_otherwise_channel = serializers.ChoiceField(
        choices=OTHERWISE_CHANNELS, required=False,
        allow_blank=True, default="", help_text="Nur Geschäftsstelle: Weg der anderweitigen Mitteilung.")


class MinistryNoticeOtherwiseInput(serializers.Serializer):
    informed_on = serializers.DateField(help_text="Tag, an dem das Ministerium informiert wurde.")
    channel = serializers.ChoiceField(choices=OTHERWISE_CHANNELS)


class PersonOutcomeInput(serializers.Serializer):
    person = serializers.IntegerField(min_value=1, help_text="ID einer Person dieses Falls.")
    kind = serializers.ChoiceField(choices=Outcome.Kind.choices)
    other_reason = serializers.CharField(required=False, allow_blank=True, default="")


class OutcomeInput(serializers.Serializer):
    hardship_request = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Outcome.Kind.choices)
    decided_on = serializers.DateField()
    permit_valid_from = serializers.DateField(required=False, allow_null=True, default=None)
    permit_valid_until = serializers.DateField(required=False, allow_null=True, default=None)
    condition_living_costs = serializers.BooleanField(required=False, default=False)
    condition_section_68 = serializers.BooleanField(required=False, default=False)
    conditions_other = serializers.CharField(required=False, allow_blank=True, default="")
    other_reason = serializers.CharField(required=False, allow_blank=True, default="")
    person_outcomes = PersonOutcomeInput(
        many=True, required=False, default=list,
        help_text="Nur für Personen, deren Ergebnis von dem des Ersuchens abweicht (z. B. Erlaubnis auf anderer "
                  "Rechtsgrundlage für den volljährigen Sohn); die übrigen teilen es.")


def _case_documents(case, ids) -> list:
    """The case's documents with these ids, or a German 400 naming the others."""
    wanted = list(dict.fromkeys(ids))
    documents = {d.pk: d for d in case.documents.filter(pk__in=wanted)}
    missing = [str(pk) for pk in wanted if pk not in documents]
    if missing:
        raise serializers.ValidationError(
            {"release_documents": [f"Kein Dokument dieses Falls: {', '.join(missing)}."]})
    return [documents[pk] for pk in wanted]


def _valid(serializer_class, request):
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


# --- endpoints -------------------------------------------------------------------------------


class RoleScoped:
    """Only the office and authority users work here (the ministry may list where allowed);
    everyone else gets 404, as for objects they may not see."""

    ministry_may_list = False

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        user = request.user
        if is_office(user) or is_authority(user):
            return
        if self.ministry_may_list and is_ministry(user) and request.method == "GET":
            return
        raise AccessDenied


@extend_schema_view(
    list=extend_schema(summary="Angeforderte Stellungnahmen (Geschäftsstelle: alle; Behörde: eigene)"),
    retrieve=extend_schema(summary="Eine Anforderung einer Stellungnahme"),
)
class StatementRequestViewSet(RoleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = StatementRequestSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        qs = statement_requests_visible_for(self.request.user).order_by("current_due", "id")
        if self.request.query_params.get("open") == "1":
            qs = qs.filter(answered_on__isnull=True)
        return qs

    def get_object(self):
        return access_statement_request(user=self.request.user, pk=self.kwargs["pk"],
                                        for_write=self.request.method != "GET", request=self.request)

    @extend_schema(summary="Stellungnahme anfordern (Frist nach §§ 187 ff. BGB)", request=StatementRequestInput,
                   responses={201: StatementRequestSerializer})
    def create(self, request):
        require_office(request.user)
        data = _valid(StatementRequestInput, request)
        case = access_case_work(user=request.user, case_id=data["case"], for_write=True, request=request)
        period = Period(weeks=data["weeks"]) if data.get("weeks") else None
        documents = _case_documents(case, data["release_documents"])
        obj = services.statement_request(case=case, actor=request.user, requested_on=data["requested_on"],
                                         period=period, release_documents=documents)
        return Response(StatementRequestSerializer(obj).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Stellungnahme abgeben (Behörde) oder erfassen (Geschäftsstelle)",
                   request={"multipart/form-data": StatementAnswerInput, "application/json": StatementAnswerInput},
                   responses=StatementRequestSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        obj = self.get_object()
        serializer = StatementAnswerInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        files = request.FILES.getlist("files") if hasattr(request, "FILES") else []
        obj = services.statement_answer(request=obj, actor=request.user, answered_on=data["answered_on"],
                                        text=data["text"], files=files)
        return Response(StatementRequestSerializer(obj).data)

    @extend_schema(summary="Frist verlängern (die ursprüngliche Frist bleibt erhalten)",
                   request=StatementExtendInput, responses=StatementRequestSerializer)
    @action(detail=True, methods=["post"])
    def extend(self, request, pk=None):
        require_office(request.user)
        obj = self.get_object()
        data = _valid(StatementExtendInput, request)
        obj = services.statement_extend(request=obj, actor=request.user, new_due=data["new_due"],
                                        reason=data["reason"])
        return Response(StatementRequestSerializer(obj).data)

    @extend_schema(summary="Frist hemmen", request=StatementPauseInput, responses=StatementRequestSerializer)
    @action(detail=True, methods=["post"])
    def pause(self, request, pk=None):
        require_office(request.user)
        obj = self.get_object()
        data = _valid(StatementPauseInput, request)
        obj = services.statement_pause(request=obj, actor=request.user, paused_on=data["day"], reason=data["reason"])
        return Response(StatementRequestSerializer(obj).data)

    @extend_schema(summary="Hemmung beenden (Frist läuft ab dem Tag weiter)", request=StatementPauseInput,
                   responses=StatementRequestSerializer)
    @action(detail=True, methods=["post"])
    def resume(self, request, pk=None):
        require_office(request.user)
        obj = self.get_object()
        data = _valid(StatementPauseInput, request)
        obj = services.statement_resume(request=obj, actor=request.user, resumed_on=data["day"])
        return Response(StatementRequestSerializer(obj).data)


@extend_schema_view(
    list=extend_schema(summary="Härtefallersuchen (Geschäftsstelle: alle; Behörde: eigene)"),
    retrieve=extend_schema(summary="Ein Härtefallersuchen mit beabsichtigter Entscheidung und Ergebnis"),
)
class HardshipRequestViewSet(RoleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = HardshipRequestSerializer

    def get_queryset(self):
        return (hardship_requests_visible_for(self.request.user).select_related("outcome")
                .prefetch_related("intended_decisions").order_by("-sent_on", "-id"))

    def get_object(self):
        return access_hardship_request(user=self.request.user, pk=self.kwargs["pk"], for_write=False,
                                       request=self.request)

    @extend_schema(summary="Ersuchen versenden: Schreiben erzeugen, ablegen, Behörde benachrichtigen",
                   request=HardshipRequestInput, responses={201: HardshipRequestSerializer})
    def create(self, request):
        require_office(request.user)
        data = _valid(HardshipRequestInput, request)
        case = access_case_work(user=request.user, case_id=data["case"], for_write=True, request=request)
        obj = services.hardship_request_send(case=case, actor=request.user, sent_on=data["sent_on"])
        return Response(HardshipRequestSerializer(obj).data, status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(
    summary="Beabsichtigte Entscheidungen (§ 7 Abs. 3 HFKVO), mit dem Nachweis der Mitteilung an das Ministerium"))
class IntendedDecisionViewSet(RoleScoped, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = IntendedDecisionSerializer
    ministry_may_list = True

    def get_queryset(self):
        user = self.request.user
        if is_ministry(user):
            return intended_decisions_for_ministry(user)
        return (IntendedDecision.objects.filter(hardship_request__in=hardship_requests_visible_for(user))
                .select_related("hardship_request__case", "hardship_request__authority"))

    @extend_schema(summary="Beabsichtigte Entscheidung mitteilen; nicht folgen erfordert Gründe",
                   request=IntendedDecisionInput, responses={201: IntendedDecisionSerializer})
    def create(self, request):
        data = _valid(IntendedDecisionInput, request)
        hardship = access_hardship_request(user=request.user, pk=data["hardship_request"], for_write=True,
                                           request=request)
        obj = services.intended_decision_record(hardship_request=hardship, actor=request.user,
                                                follow=data["follow"], reasons=data["reasons"],
                                                recorded_on=data["recorded_on"],
                                                informed_otherwise_on=data["informed_otherwise_on"],
                                                informed_otherwise_channel=data["informed_otherwise_channel"])
        return Response(IntendedDecisionSerializer(obj).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Mitteilung an das Ministerium erneut senden (§ 7 Abs. 3 HFKVO; Geschäftsstelle)",
                   request=None, responses=IntendedDecisionSerializer)
    @action(detail=True, methods=["post"], url_path="ministry-resend")
    def ministry_resend(self, request, pk=None):
        require_office(request.user)
        obj = services.ministry_notice_resend(decision=self.get_object(), actor=request.user)
        return Response(IntendedDecisionSerializer(obj).data)

    @extend_schema(summary="Anderweitige Mitteilung an das Ministerium erfassen (§ 7 Abs. 3 HFKVO; Geschäftsstelle)",
                   request=MinistryNoticeOtherwiseInput, responses=IntendedDecisionSerializer)
    @action(detail=True, methods=["post"], url_path="ministry-otherwise")
    def ministry_otherwise(self, request, pk=None):
        require_office(request.user)
        data = _valid(MinistryNoticeOtherwiseInput, request)
        obj = services.ministry_notice_record_otherwise(decision=self.get_object(), actor=request.user,
                                                        informed_on=data["informed_on"], channel=data["channel"])
        return Response(IntendedDecisionSerializer(obj).data)


@extend_schema_view(list=extend_schema(summary="Ergebnisse (abschließende Entscheidungen der Behörden)"))
class OutcomeViewSet(RoleScoped, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = OutcomeSerializer

    def get_queryset(self):
        return Outcome.objects.filter(hardship_request__in=hardship_requests_visible_for(self.request.user))

    @extend_schema(summary="Ergebnis erfassen (erst nach der beabsichtigten Entscheidung)", request=OutcomeInput,
                   responses={201: OutcomeSerializer})
    def create(self, request):
        data = dict(_valid(OutcomeInput, request))
        hardship = access_hardship_request(user=request.user, pk=data.pop("hardship_request"), for_write=True,
                                           request=request)
        data["person_outcomes"] = {row["person"]: (row["kind"], row["other_reason"])
                                   for row in data.pop("person_outcomes")}
        obj = services.outcome_record(hardship_request=hardship, actor=request.user, **data)
        return Response(OutcomeSerializer(obj).data, status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(summary="Gesendete Fristerinnerungen"))
class ReminderViewSet(RoleScoped, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = ReminderSerializer
    queryset = Reminder.objects.none()  # for the schema; get_queryset decides

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Reminder.objects.none()
        return (Reminder.objects.filter(statement_request__in=statement_requests_visible_for(self.request.user))
                .select_related("statement_request__case"))


@extend_schema_view(list=extend_schema(
    summary="Freigaben von Dokumenten an Ausländerbehörden (nur Geschäftsstelle; Filter ?case=)"))
class DocumentReleaseViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """§ 6 Abs. 2 HFKVO: each document an authority receives is released on its own, logged."""

    serializer_class = DocumentReleaseSerializer
    queryset = DocumentRelease.objects.none()  # for the schema; get_queryset decides

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        require_office(request.user)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return DocumentRelease.objects.none()
        qs = document_releases_visible_for(self.request.user).order_by("-released_at", "-id")
        case = self.request.query_params.get("case", "")
        if case:
            if not case.isdigit() or len(case) > 18:
                raise serializers.ValidationError({"case": ["Bitte die Id eines Falls angeben."]})
            qs = qs.filter(document__case_id=int(case))
        return qs

    @extend_schema(summary="Ein Dokument der zuständigen Ausländerbehörde freigeben", request=DocumentReleaseInput,
                   responses={201: DocumentReleaseSerializer})
    def create(self, request):
        data = _valid(DocumentReleaseInput, request)
        case_id = Document.objects.filter(pk=data["document"]).values_list("case_id", flat=True).first()
        if case_id is None:
            raise AccessDenied
        case = access_case_work(user=request.user, case_id=case_id, for_write=True, request=request)
        document = case.documents.get(pk=data["document"])
        obj = services.document_release(document=document, actor=request.user,
                                        confirm_sensitive=data["confirm_sensitive"])
        return Response(DocumentReleaseSerializer(obj).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Freigabe zurücknehmen", request=None, responses=DocumentReleaseSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        release = access_document_release(user=request.user, pk=pk, request=request)
        access_case_work(user=request.user, case_id=release.document.case_id, for_write=True, request=request)
        obj = services.document_release_withdraw(release=release, actor=request.user)
        return Response(DocumentReleaseSerializer(obj).data)
