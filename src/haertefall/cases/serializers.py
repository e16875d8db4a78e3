"""REST representations of the case file and the input serializers that feed the services."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from haertefall.accounts.access import assignable_users
from haertefall.registers.models import Authority, Country
from haertefall.registers.selectors import country_resolve

from .access import HistoryReader, can_write_case, history_reader_for, reads_whole_file
from .models import (
    Case,
    CaseEvent,
    Document,
    FollowUp,
    FormOfAddress,
    Note,
    Person,
    PersonName,
    ReasonCategory,
    Relationship,
    SubmitterKind,
)
from .presenters import event_data, event_details, event_label
from .states import Owner
from .steps import FieldSpec, StepAction, actions_for, foreign_steps_for

PRIOR_PROCEDURE_HELP = ("Bisheriges ausländerrechtliches Verfahren (§ 4 Abs. 1 Satz 3 HFKVO): Asylverfahren, "
                        "Aufenthaltstitel, Duldungen, Gerichtsverfahren.")

class PersonNameSerializer(serializers.ModelSerializer):
    class Meta:
        model = PersonName
        fields = ["id", "kind", "family_name", "given_names"]


class PersonSerializer(serializers.ModelSerializer):
    nationality_name = serializers.CharField(source="nationality.name", read_only=True)
    nationality_successor_name = serializers.CharField(source="nationality_successor.name", read_only=True,
                                                       allow_null=True, default=None)
    other_names = PersonNameSerializer(many=True, read_only=True)

    class Meta:
        model = Person
        fields = ["id", "relationship", "family_name", "given_names", "birth_date", "nationality",
                  "nationality_name", "nationality_successor", "nationality_successor_name", "other_names"]


def _history_reader(context) -> HistoryReader:
    request = context.get("request")
    return history_reader_for(request.user if request is not None else None)


class EventListSerializer(serializers.ListSerializer):
    """Only the entries of the history the reader sees (``access.history_reader_for``)."""

    def to_representation(self, data):
        events = data.all() if hasattr(data, "all") else data
        reader = _history_reader(self.context)
        return super().to_representation([event for event in events if reader.sees(event)])


class EventSerializer(serializers.ModelSerializer):
    label = serializers.SerializerMethodField()
    actor = serializers.SerializerMethodField()
    details = serializers.SerializerMethodField()

    class Meta:
        model = CaseEvent
        fields = ["sequence", "event_type", "step", "label", "effective_on", "recorded_at", "actor",
                  "data", "details"]
        list_serializer_class = EventListSerializer

    def get_label(self, event) -> str:
        return event_label(event)

    def to_representation(self, event):
        representation = super().to_representation(event)
        representation["data"] = event_data(event, reader=_history_reader(self.context))
        return representation

    def get_actor(self, event) -> str:
        return _history_reader(self.context).actor(event)

    @extend_schema_field(serializers.ListField(child=serializers.ListField(child=serializers.CharField())))
    def get_details(self, event):
        return [list(pair) for pair in event_details(event, reader=_history_reader(self.context))]


class CaseListSerializer(serializers.ModelSerializer):
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    closure_label = serializers.CharField(source="get_closure_display", read_only=True)
    authority_name = serializers.CharField(source="authority.name", read_only=True, default="")
    country_name = serializers.CharField(source="country.name", read_only=True)
    main_person = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = ["id", "file_number", "year", "received_on", "state", "state_label", "closure",
                  "closure_label", "closure_reason", "closed_on", "authority", "authority_name",
                  "country", "country_name", "main_person", "persons_count", "statement_due_on", "version"]

    def get_main_person(self, case) -> str:
        # The list reads only the main person (caselist.case_list_for), the detail all persons.
        mains = case.main_persons if hasattr(case, "main_persons") else [case.main_person]
        return str(mains[0]) if mains and mains[0] else ""


class StepElsewhereSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    owner = serializers.ChoiceField(choices=Owner.choices)
    where = serializers.CharField()


class CaseDetailSerializer(CaseListSerializer):
    persons = PersonSerializer(many=True, read_only=True)
    events = EventSerializer(many=True, read_only=True)
    allowed_steps = serializers.SerializerMethodField(
        help_text="Schritte, die jetzt unter /steps/{schritt}/ möglich sind (nur Geschäftsstelle).")
    steps_elsewhere = serializers.SerializerMethodField(
        help_text="Schritte, die jetzt möglich sind, aber im Bereich Sitzungen oder Ausländerbehörden "
                  "erfasst werden (nur Geschäftsstelle).")

    class Meta(CaseListSerializer.Meta):
        fields = [*CaseListSerializer.Meta.fields, "submitter_name", "submitter_form_of_address", "submitter_kind",
                  "submitter_contact", "submitter_phone", "submitter_email", "reason_categories", "reasons_text", "prior_procedure", "flagged_grounds",
                  "persons", "events", "allowed_steps", "steps_elsewhere"]

    OFFICE_ONLY = ("submitter_contact", "submitter_phone", "submitter_email")

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or not can_write_case(request.user):
            # Members and authorities read the file, not the submitter's contact details.
            for name in self.OFFICE_ONLY:
                data.pop(name, None)
        if request is None or not reads_whole_file(request.user):
            # The formal check's findings are the office's and the commission's (§ 6 Abs. 2 HFKVO).
            data["flagged_grounds"] = []
        return data

    def get_allowed_steps(self, case) -> list[str]:
        request = self.context.get("request")
        if request is None or not can_write_case(request.user):
            return []
        return [action.key for action in actions_for(case)]

    @extend_schema_field(StepElsewhereSerializer(many=True))
    def get_steps_elsewhere(self, case) -> list[dict]:
        request = self.context.get("request")
        if request is None or not can_write_case(request.user):
            return []
        return [{"key": f.key, "label": f.label, "owner": f.owner, "where": f.where} for f in foreign_steps_for(case)]


class NationalityField(serializers.CharField):
    """Nationality as written ("Kosovo", "TUR"), resolved against the country register."""

    def to_internal_value(self, data):
        text = super().to_internal_value(data)
        country = country_resolve(text)
        if country is None:
            raise serializers.ValidationError(f"„{text}“ ist als Staatsangehörigkeit nicht bekannt.")
        return country


class PersonNameInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=PersonName.Kind.choices, default=PersonName.Kind.SPELLING)
    family_name = serializers.CharField(max_length=150)
    given_names = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")


class PersonInputSerializer(serializers.Serializer):
    relationship = serializers.ChoiceField(choices=Relationship.choices, required=False,
                                           default=Relationship.OTHER)
    family_name = serializers.CharField(max_length=150)
    given_names = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    birth_date = serializers.DateField(required=False, allow_null=True, default=None)
    nationality = NationalityField(required=False, allow_blank=True, default="",
                                   help_text="Name, amtlicher Name oder ISO-Code; leer = wie Hauptperson.")
    other_names = PersonNameInputSerializer(many=True, required=False, default=list)


class IntakeInputSerializer(serializers.Serializer):
    received_on = serializers.DateField()
    submitter_name = serializers.CharField(max_length=200)
    submitter_kind = serializers.ChoiceField(choices=SubmitterKind.choices, default=SubmitterKind.OTHER)
    submitter_form_of_address = serializers.ChoiceField(choices=FormOfAddress.choices, required=False,
                                                        allow_blank=True, default="")
    submitter_contact = serializers.CharField(required=False, allow_blank=True, default="",
                                              help_text="Postanschrift, je Zeile wie im Anschriftfeld.")
    submitter_phone = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    submitter_email = serializers.EmailField(required=False, allow_blank=True, default="")
    authority = serializers.PrimaryKeyRelatedField(queryset=Authority.objects.all(), required=False,
                                                   allow_null=True, default=None)
    reason_categories = serializers.ListField(child=serializers.ChoiceField(choices=ReasonCategory.choices),
                                              required=False, default=list)
    reasons_text = serializers.CharField(required=False, allow_blank=True, default="")
    prior_procedure = serializers.CharField(required=False, allow_blank=True, default="",
                                            help_text=PRIOR_PROCEDURE_HELP)
    assigned_to = serializers.PrimaryKeyRelatedField(
        queryset=assignable_users(), required=False, allow_null=True,
        help_text="Zuständige Sachbearbeitung (Benutzer-ID der Geschäftsstelle); ohne Angabe wer den Antrag "
        "erfasst, null: noch niemand.")
    main_person = PersonInputSerializer()
    family = PersonInputSerializer(many=True, required=False, default=list)

    def validate_main_person(self, value):
        if not value.get("nationality"):
            raise serializers.ValidationError({"nationality": ["Die Staatsangehörigkeit der Hauptperson fehlt."]})
        return value


class CaseUpdateInputSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="Version, die bearbeitet wurde (optimistische Sperre).")
    submitter_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    submitter_kind = serializers.ChoiceField(choices=SubmitterKind.choices, required=False)
    submitter_form_of_address = serializers.ChoiceField(choices=FormOfAddress.choices, required=False,
                                                        allow_blank=True)
    submitter_contact = serializers.CharField(required=False, allow_blank=True)
    submitter_phone = serializers.CharField(max_length=50, required=False, allow_blank=True)
    submitter_email = serializers.EmailField(required=False, allow_blank=True)
    authority = serializers.PrimaryKeyRelatedField(queryset=Authority.objects.all(), required=False,
                                                   allow_null=True)
    reason_categories = serializers.ListField(child=serializers.ChoiceField(choices=ReasonCategory.choices),
                                              required=False)
    reasons_text = serializers.CharField(required=False, allow_blank=True)
    prior_procedure = serializers.CharField(required=False, allow_blank=True, help_text=PRIOR_PROCEDURE_HELP)


class PersonUpdateInputSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False, allow_null=True, default=None)
    family_name = serializers.CharField(max_length=150, required=False)
    given_names = serializers.CharField(max_length=150, required=False, allow_blank=True)
    birth_date = serializers.DateField(required=False, allow_null=True)
    nationality = NationalityField(required=False)
    relationship = serializers.ChoiceField(choices=Relationship.choices, required=False)
    nationality_successor = serializers.PrimaryKeyRelatedField(
        queryset=Country.objects.all(), required=False, allow_null=True,
        help_text="Nachfolgestaat einer Staatsangehörigkeit eines aufgelösten Staates (null: nicht festgestellt).")


class DocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = ["id", "doc_type", "title", "document_date", "original_name", "content_type", "size",
                  "sha256", "uploaded_at"]


class DocumentUploadSerializer(serializers.Serializer):
    doc_type = serializers.ChoiceField(choices=Document.Type.choices, default=Document.Type.OTHER)
    title = serializers.CharField(max_length=200)
    document_date = serializers.DateField(required=False, allow_null=True, default=None)
    file = serializers.FileField()


class NoteSerializer(serializers.ModelSerializer):
    author = serializers.StringRelatedField()

    class Meta:
        model = Note
        fields = ["id", "text", "author", "created_at"]
        read_only_fields = ["id", "author", "created_at"]


class FollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUp
        fields = ["id", "due_on", "reason", "created_at", "done_at"]
        read_only_fields = ["id", "created_at", "done_at"]


class RepeatQuerySerializer(serializers.Serializer):
    family_name = serializers.CharField()
    given_names = serializers.CharField(required=False, allow_blank=True, default="")
    birth_date = serializers.DateField(required=False, allow_null=True, default=None)


class RepeatMatchSerializer(serializers.Serializer):
    case_id = serializers.IntegerField(source="case.pk")
    file_number = serializers.CharField(source="case.file_number")
    received_on = serializers.DateField(source="case.received_on")
    person_id = serializers.IntegerField(source="person.pk")
    matched_name = serializers.CharField()
    birth_date = serializers.DateField(source="person.birth_date", allow_null=True)
    score = serializers.FloatField()


# --- steps, built from the table in steps.py ------------------------------------------------

def _serializer_field(spec: FieldSpec) -> serializers.Field:
    common = {"required": spec.required, "help_text": spec.help_text or spec.label, "label": spec.label}
    if spec.kind == "date":
        return serializers.DateField(allow_null=not spec.required, **common)
    if spec.kind in ("text", "line"):
        return serializers.CharField(allow_blank=not spec.required, **common)
    if spec.kind == "choice":
        return serializers.ChoiceField(choices=list(spec.choices), **common)
    if spec.kind == "multi":
        if not spec.required:
            common.pop("required")
            common["default"] = list
        return serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), **common)
    raise ValueError(spec.kind)


class StepInputBase(serializers.Serializer):
    effective_on = serializers.DateField(
        required=False, help_text="Datum des Schritts (Standard: heute; nicht in der Zukunft, "
        "nicht vor dem letzten Schritt).")
    version = serializers.IntegerField(
        required=False, allow_null=True,
        help_text="Version des Falls, auf die sich der Schritt bezieht (optimistische Sperre).")


_STEP_SERIALIZERS: dict[str, type[StepInputBase]] = {}


def step_serializer_class(action: StepAction) -> type[StepInputBase]:
    if action.key not in _STEP_SERIALIZERS:
        attrs = {spec.name: _serializer_field(spec) for spec in action.fields}
        name = "".join(part.title() for part in action.key.split("_")) + "StepInput"
        attrs["__doc__"] = f"{action.label}."
        _STEP_SERIALIZERS[action.key] = type(name, (StepInputBase,), attrs)
    return _STEP_SERIALIZERS[action.key]


class DocumentRemoveSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000, help_text="Warum das Dokument entfernt wird (Pflicht).")


class DocumentReplaceSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000, help_text="Warum das Dokument ersetzt wird (Pflicht).")
    file = serializers.FileField()
    title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="",
                                  help_text="Titel des neuen Dokuments; leer: der bisherige Titel.")
    document_date = serializers.DateField(required=False, allow_null=True, default=None,
                                          help_text="Datum des neuen Dokuments; leer: das bisherige Datum.")


class RemovedDocumentSerializer(serializers.ModelSerializer):
    removed_by = serializers.StringRelatedField()

    class Meta:
        model = Document
        fields = ["id", "doc_type", "title", "document_date", "uploaded_at", "removed_at", "removed_by",
                  "removal_reason", "replaced_by"]
