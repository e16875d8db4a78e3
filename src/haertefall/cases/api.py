"""REST API of the case file. Same access function, same services as the pages."""

from django.http import FileResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from haertefall.audit.models import AuditEntry
from haertefall.audit.services import audit_log
from haertefall.core.errors import AccessDenied, StepNotAllowed
from haertefall.core.uploads import DOCUMENT_TYPES

from .access import (
    access_case,
    access_document,
    can_write_case,
    cases_visible_for,
    documents_visible_for,
)
from .caselist import case_list_for, case_list_read_log
from .filenames import document_download_name
from .filters import CaseFilter
from .models import FollowUp, Person
from .selectors import case_events, person_possible_repeats
from .serializers import (
    CaseDetailSerializer,
    CaseListSerializer,
    CaseUpdateInputSerializer,
    DocumentSerializer,
    DocumentUploadSerializer,
    EventSerializer,
    FollowUpSerializer,
    IntakeInputSerializer,
    NoteSerializer,
    PersonInputSerializer,
    PersonNameInputSerializer,
    PersonNameSerializer,
    PersonSerializer,
    PersonUpdateInputSerializer,
    RepeatMatchSerializer,
    RepeatQuerySerializer,
    step_serializer_class,
)
from .services.intake import ACTOR, PersonInput, case_receive, person_add
from .services.master import case_update, person_name_add, person_update
from .services.records import document_add, followup_add, followup_done, note_add
from .steps import ACTIONS, FOREIGN_STEPS, ForeignStep, StepAction, run_action

TAG = "Fälle"


def _case(request, pk, *, for_write: bool, log_read: bool = True):
    # AccessDenied becomes 404 in core.api.exception_handler.
    return access_case(user=request.user, case_id=pk, for_write=for_write, request=request,
                       log_read=log_read)


def _office_only(request):
    if not can_write_case(request.user):
        raise PermissionDenied("Nur die Geschäftsstelle darf das.")


def _detail(request, case):
    case = (cases_visible_for(request.user).select_related("authority", "country")
            .prefetch_related("persons__other_names", "persons__nationality", "events__actor").get(pk=case.pk))
    return CaseDetailSerializer(case, context={"request": request}).data


def _person_input(data: dict, default_nationality=None) -> PersonInput:
    return PersonInput(
        family_name=data["family_name"], given_names=data.get("given_names", ""),
        birth_date=data.get("birth_date"), nationality=data.get("nationality") or default_nationality,
        relationship=data.get("relationship") or "other",
        other_names=[(n["kind"], n["family_name"], n.get("given_names", "")) for n in data.get("other_names", [])],
    )


@extend_schema_view(
    get=extend_schema(tags=[TAG], summary="Fälle auflisten (Filter und Suche wie in der Fallliste)"),
    post=extend_schema(tags=[TAG], summary="Neuen Antrag erfassen", request=IntakeInputSerializer,
                       responses={201: CaseDetailSerializer}),
)
class CaseListCreateApi(generics.ListAPIView):
    serializer_class = CaseListSerializer
    # For the schema's query parameters; the list itself is case_list_for's, as on the page.
    filterset_class = CaseFilter

    def get_queryset(self):
        return cases_visible_for(None)  # only for the schema

    def list(self, request, *args, **kwargs):
        try:
            case_filter = case_list_for(user=request.user, filters=request.query_params)
        except AccessDenied:
            raise PermissionDenied("Für Ihre Rolle gibt es keine Fallliste.") from None
        if case_filter.errors:
            raise ValidationError(case_filter.errors)
        page = self.paginate_queryset(case_filter.qs)
        case_list_read_log(user=request.user, request=request, cases=page,
                           searched=bool(request.query_params.get("q")))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def post(self, request):
        _office_only(request)
        serializer = IntakeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        main = _person_input({**data["main_person"], "relationship": "main"})
        family = [_person_input(m, main.nationality) for m in data["family"]]
        case = case_receive(
            actor=request.user, received_on=data["received_on"], main_person=main, family=family,
            submitter_name=data["submitter_name"], submitter_kind=data["submitter_kind"],
            submitter_contact=data["submitter_contact"], submitter_email=data["submitter_email"],
            submitter_phone=data["submitter_phone"], submitter_form_of_address=data["submitter_form_of_address"],
            authority=data["authority"], reason_categories=data["reason_categories"],
            reasons_text=data["reasons_text"], prior_procedure=data["prior_procedure"],
            assigned_to=data.get("assigned_to", ACTOR))
        return Response(_detail(request, case), status=status.HTTP_201_CREATED)


class CaseDetailApi(APIView):
    @extend_schema(tags=[TAG], summary="Fall mit Personen, Verlauf und möglichen Schritten",
                   responses=CaseDetailSerializer)
    def get(self, request, pk):
        return Response(_detail(request, _case(request, pk, for_write=False)))

    @extend_schema(tags=[TAG], summary="Stammdaten ändern (mit Version)", request=CaseUpdateInputSerializer,
                   responses=CaseDetailSerializer)
    def patch(self, request, pk):
        case = _case(request, pk, for_write=True)
        serializer = CaseUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        version = changes.pop("version")
        case = case_update(case=case, actor=request.user, expected_version=version, **changes)
        return Response(_detail(request, case))


class CaseEventsApi(APIView):
    @extend_schema(tags=[TAG], summary="Verlauf des Falls", responses=EventSerializer(many=True))
    def get(self, request, pk):
        case = _case(request, pk, for_write=False)
        return Response(EventSerializer(case_events(case), many=True, context={"request": request}).data)


class CasePersonsApi(APIView):
    @extend_schema(tags=[TAG], summary="Betroffene Personen", responses=PersonSerializer(many=True))
    def get(self, request, pk):
        case = _case(request, pk, for_write=False)
        persons = case.persons.select_related("nationality").prefetch_related("other_names")
        return Response(PersonSerializer(persons, many=True).data)

    @extend_schema(tags=[TAG], summary="Person hinzufügen", request=PersonInputSerializer,
                   responses={201: PersonSerializer})
    def post(self, request, pk):
        case = _case(request, pk, for_write=True)
        serializer = PersonInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        person = person_add(case=case, actor=request.user,
                            data=_person_input(serializer.validated_data, case.country))
        return Response(PersonSerializer(person).data, status=status.HTTP_201_CREATED)


def _person(case, person_pk) -> Person:
    person = Person.objects.filter(case=case, pk=person_pk).first()
    if person is None:
        raise NotFound("Person nicht gefunden.")
    return person


class PersonDetailApi(APIView):
    @extend_schema(tags=[TAG], summary="Angaben einer Person ändern", request=PersonUpdateInputSerializer,
                   responses=PersonSerializer)
    def patch(self, request, pk, person_pk):
        case = _case(request, pk, for_write=True)
        person = _person(case, person_pk)
        serializer = PersonUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        version = values.pop("version", None)
        person = person_update(person=person, actor=request.user, expected_version=version, **values)
        return Response(PersonSerializer(person).data)


class PersonNamesApi(APIView):
    @extend_schema(tags=[TAG], summary="Weitere Namensform / Alias erfassen", request=PersonNameInputSerializer,
                   responses={201: PersonNameSerializer})
    def post(self, request, pk, person_pk):
        case = _case(request, pk, for_write=True)
        person = _person(case, person_pk)
        serializer = PersonNameInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        name = person_name_add(person=person, actor=request.user, **serializer.validated_data)
        return Response(PersonNameSerializer(name).data, status=status.HTTP_201_CREATED)


class CaseDocumentsApi(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(tags=[TAG], summary="Dokumente des Falls", responses=DocumentSerializer(many=True))
    def get(self, request, pk):
        case = _case(request, pk, for_write=False)
        return Response(DocumentSerializer(documents_visible_for(user=request.user, case=case), many=True).data)

    @extend_schema(tags=[TAG], summary="Dokument hochladen (multipart)", request=DocumentUploadSerializer,
                   responses={201: DocumentSerializer})
    def post(self, request, pk):
        case = _case(request, pk, for_write=True)
        serializer = DocumentUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        document = document_add(case=case, actor=request.user, upload=data["file"], title=data["title"],
                                doc_type=data["doc_type"], document_date=data["document_date"])
        return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)


class DocumentDownloadApi(APIView):
    # The document comes with the type its content was recognised as on upload (core.uploads).
    @extend_schema(tags=[TAG], summary="Dokument herunterladen",
                   responses={(200, allowed.mime): OpenApiTypes.BINARY for allowed in DOCUMENT_TYPES})
    def get(self, request, pk, document_pk):
        case = _case(request, pk, for_write=False, log_read=False)
        try:
            document = access_document(user=request.user, case=case, document_id=document_pk, request=request)
        except AccessDenied:
            raise NotFound("Dokument nicht gefunden.") from None
        audit_log(user=request.user, action=AuditEntry.Action.DOWNLOAD, obj=document, case=case,
                  request=request)
        document.case = case
        return FileResponse(document.file.open("rb"), as_attachment=True,
                            filename=document_download_name(document), content_type=document.content_type)


class CaseNotesApi(APIView):

    @extend_schema(tags=[TAG], summary="Notizen (nur Geschäftsstelle)", responses=NoteSerializer(many=True))
    def get(self, request, pk):
        case = _case(request, pk, for_write=True)
        return Response(NoteSerializer(case.notes.select_related("author"), many=True).data)

    @extend_schema(tags=[TAG], summary="Notiz hinzufügen", request=NoteSerializer, responses={201: NoteSerializer})
    def post(self, request, pk):
        case = _case(request, pk, for_write=True)
        serializer = NoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        note = note_add(case=case, actor=request.user, text=serializer.validated_data["text"])
        return Response(NoteSerializer(note).data, status=status.HTTP_201_CREATED)


class CaseFollowUpsApi(APIView):

    @extend_schema(tags=[TAG], summary="Wiedervorlagen (nur Geschäftsstelle)", responses=FollowUpSerializer(many=True))
    def get(self, request, pk):
        case = _case(request, pk, for_write=True)
        return Response(FollowUpSerializer(case.follow_ups.all(), many=True).data)

    @extend_schema(tags=[TAG], summary="Wiedervorlage anlegen", request=FollowUpSerializer,
                   responses={201: FollowUpSerializer})
    def post(self, request, pk):
        case = _case(request, pk, for_write=True)
        serializer = FollowUpSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        follow_up = followup_add(case=case, actor=request.user, **serializer.validated_data)
        return Response(FollowUpSerializer(follow_up).data, status=status.HTTP_201_CREATED)


class FollowUpDoneApi(APIView):
    @extend_schema(tags=[TAG], summary="Wiedervorlage erledigen", request=None, responses=FollowUpSerializer)
    def post(self, request, pk, followup_pk):
        case = _case(request, pk, for_write=True, log_read=False)
        follow_up = FollowUp.objects.filter(case=case, pk=followup_pk).first()
        if follow_up is None:
            raise NotFound("Wiedervorlage nicht gefunden.")
        return Response(FollowUpSerializer(followup_done(follow_up=follow_up, actor=request.user)).data)


class RepeatsApi(APIView):
    @extend_schema(tags=[TAG], summary="Mögliche Wiederholungsanträge zu einem Namen",
                   parameters=[RepeatQuerySerializer], responses=RepeatMatchSerializer(many=True))
    def get(self, request):
        _office_only(request)
        query = RepeatQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        audit_log(user=request.user, action=AuditEntry.Action.SEARCH, object_type="cases.person",
                  request=request, detail="Prüfung auf Wiederholungsantrag (API)")
        matches = person_possible_repeats(**query.validated_data)
        return Response(RepeatMatchSerializer(matches, many=True).data)


class CaseStepApi(APIView):
    """One procedural step; subclassed per step below so each has its own documented input."""

    step_action: StepAction

    def post(self, request, pk):
        case = _case(request, pk, for_write=True, log_read=False)
        serializer = step_serializer_class(self.step_action)(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        effective_on = values.pop("effective_on", None) or timezone.localdate()
        version = values.pop("version", None)
        case = run_action(self.step_action, case=case, actor=request.user, effective_on=effective_on,
                          expected_version=version, values=values)
        return Response(_detail(request, case))


def _step_view(action: StepAction):
    def post(self, request, pk):
        return CaseStepApi.post(self, request, pk)

    post = extend_schema(
        tags=["Verfahrensschritte"], summary=action.label, description=action.hint or action.label,
        operation_id=f"cases_step_{action.key}", request=step_serializer_class(action),
        responses=CaseDetailSerializer,
    )(post)
    name = f"{''.join(p.title() for p in action.key.split('_'))}StepApi"
    return type(name, (CaseStepApi,), {"step_action": action, "post": post, "__module__": __name__})


def _foreign_step_view(foreign: ForeignStep):
    """Refuse a step another part owns (400 with the place to record it); not in the schema."""

    @extend_schema(exclude=True)
    def post(self, request, pk):
        _case(request, pk, for_write=True, log_read=False)
        raise StepNotAllowed(foreign.refusal)

    name = f"{''.join(p.title() for p in foreign.key.split('_'))}ForeignStepApi"
    return type(name, (APIView,), {"post": post, "__module__": __name__})


STEP_VIEWS = {action.key: _step_view(action) for action in ACTIONS}
STEP_VIEWS.update({foreign.key: _foreign_step_view(foreign) for foreign in FOREIGN_STEPS})
