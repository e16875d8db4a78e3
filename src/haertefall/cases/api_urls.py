from django.urls import path

from . import api, correction_api, document_api, subject_access_views, work_api

app_name = "cases-api"
urlpatterns = [
    path("cases/", api.CaseListCreateApi.as_view(), name="case-list"),
    path("cases/<id:pk>/", api.CaseDetailApi.as_view(), name="case-detail"),
    path("cases/<id:pk>/correction/", correction_api.CaseCorrectApi.as_view(), name="case-correct"),
    path("cases/<id:pk>/subject-access.pdf", subject_access_views.SubjectAccessApi.as_view(), name="subject-access"),
    path("cases/<id:pk>/persons/<id:person_pk>/correction/", correction_api.PersonCorrectApi.as_view(),
         name="person-correct"),
    path("cases/<id:pk>/events/", api.CaseEventsApi.as_view(), name="case-events"),
    path("cases/<id:pk>/persons/", api.CasePersonsApi.as_view(), name="case-persons"),
    path("cases/<id:pk>/persons/<id:person_pk>/", api.PersonDetailApi.as_view(), name="person-detail"),
    path("cases/<id:pk>/persons/<id:person_pk>/names/", api.PersonNamesApi.as_view(), name="person-names"),
    path("cases/<id:pk>/documents/", api.CaseDocumentsApi.as_view(), name="case-documents"),
    path("cases/<id:pk>/documents/<id:document_pk>/download/", api.DocumentDownloadApi.as_view(),
         name="document-download"),
    path("cases/<id:pk>/documents/removed/", document_api.RemovedDocumentsApi.as_view(), name="removed-documents"),
    path("cases/<id:pk>/documents/<id:document_pk>/remove/", document_api.DocumentRemoveApi.as_view(),
         name="document-remove"),
    path("cases/<id:pk>/documents/<id:document_pk>/replace/", document_api.DocumentReplaceApi.as_view(),
         name="document-replace"),
    path("cases/<id:pk>/notes/", api.CaseNotesApi.as_view(), name="case-notes"),
    path("cases/<id:pk>/followups/", api.CaseFollowUpsApi.as_view(), name="case-followups"),
    path("cases/<id:pk>/followups/<id:followup_pk>/done/", api.FollowUpDoneApi.as_view(),
         name="followup-done"),
    path("repeats/", api.RepeatsApi.as_view(), name="repeats"),
    # Whose case it is, work queues, substitutions, calendar (decisions 0117, 0118).
    path("cases/<id:pk>/assignment/", work_api.CaseAssignmentApi.as_view(), name="case-assignment"),
    path("cases/<id:pk>/take/", work_api.CaseTakeApi.as_view(), name="case-take"),
    path("queues/", work_api.QueuesApi.as_view(), name="queues"),
    path("substitutions/", work_api.SubstitutionsApi.as_view(), name="substitutions"),
    path("calendar/", work_api.CalendarApi.as_view(), name="calendar"),
] + [
    path(f"cases/<id:pk>/steps/{key}/", view.as_view(), name=f"step-{key}")
    for key, view in api.STEP_VIEWS.items()
]
