from django.urls import path

from . import api

app_name = "cases-api"
urlpatterns = [
    path("cases/", api.CaseListCreateApi.as_view(), name="case-list"),
    path("cases/<int:pk>/", api.CaseDetailApi.as_view(), name="case-detail"),
    path("cases/<int:pk>/events/", api.CaseEventsApi.as_view(), name="case-events"),
    path("cases/<int:pk>/persons/", api.CasePersonsApi.as_view(), name="case-persons"),
    path("cases/<int:pk>/persons/<int:person_pk>/", api.PersonDetailApi.as_view(), name="person-detail"),
    path("cases/<int:pk>/persons/<int:person_pk>/names/", api.PersonNamesApi.as_view(), name="person-names"),
    path("cases/<int:pk>/documents/", api.CaseDocumentsApi.as_view(), name="case-documents"),
    path("cases/<int:pk>/documents/<int:document_pk>/download/", api.DocumentDownloadApi.as_view(),
         name="document-download"),
    path("cases/<int:pk>/notes/", api.CaseNotesApi.as_view(), name="case-notes"),
    path("cases/<int:pk>/followups/", api.CaseFollowUpsApi.as_view(), name="case-followups"),
    path("cases/<int:pk>/followups/<int:followup_pk>/done/", api.FollowUpDoneApi.as_view(),
         name="followup-done"),
    path("repeats/", api.RepeatsApi.as_view(), name="repeats"),
] + [
    path(f"cases/<int:pk>/steps/{key}/", view.as_view(), name=f"step-{key}")
    for key, view in api.STEP_VIEWS.items()
]
