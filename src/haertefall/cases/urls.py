from django.urls import path

from . import correction_views, document_views, subject_access_views, views, work_views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("neu/", views.case_intake, name="intake"),
    path("neu/wiederholung/", views.intake_repeats, name="intake_repeats"),
    path("neu/person/", views.intake_person_row, name="intake_person_row"),
    path("<id:pk>/", views.case_detail, name="detail"),
    # Whose case it is, substitutions, calendar (decisions 0117, 0118).
    path("<id:pk>/zustaendigkeit/", work_views.case_assignment_view, name="assignment"),
    path("<id:pk>/uebernehmen/", work_views.case_take_view, name="take"),
    path("vertretungen/", work_views.substitutions_view, name="substitutions"),
    path("vertretungen/<id:pk>/beenden/", work_views.substitution_end_view, name="substitution_end"),
    path("kalender/", work_views.calendar_view, name="calendar"),
    path("<id:pk>/bearbeiten/", views.case_edit, name="edit"),
    path("<id:pk>/korrektur/", correction_views.case_correct_view, name="correct"),
    path("<id:pk>/auskunft-art-15.pdf", subject_access_views.subject_access_download, name="subject_access"),
    path("<id:pk>/schritt/<slug:step>/", views.case_step_view, name="step"),
    path("<id:pk>/dokumente/neu/", views.document_add_view, name="document_add"),
    path("<id:pk>/dokumente/<id:document_pk>/", views.document_download, name="document_download"),
    path("<id:pk>/dokumente/<id:document_pk>/entfernen/", document_views.document_remove_view,
         name="document_remove"),
    path("<id:pk>/dokumente/<id:document_pk>/ersetzen/", document_views.document_replace_view,
         name="document_replace"),
    path("<id:pk>/notizen/neu/", views.note_add_view, name="note_add"),
    path("<id:pk>/wiedervorlagen/neu/", views.followup_add_view, name="followup_add"),
    path("<id:pk>/wiedervorlagen/<id:followup_pk>/erledigt/", views.followup_done_view,
         name="followup_done"),
    path("<id:pk>/personen/neu/", views.person_add_view, name="person_add"),
    path("<id:pk>/personen/<id:person_pk>/bearbeiten/", views.person_edit_view, name="person_edit"),
    path("<id:pk>/personen/<id:person_pk>/korrektur/", correction_views.person_correct_view,
         name="person_correct"),
    path("<id:pk>/personen/<id:person_pk>/namen/neu/", views.person_name_add_view,
         name="person_name_add"),
]
