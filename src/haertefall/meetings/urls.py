from django.urls import path

from . import correction_views, printout_views, session_documents_views, session_file_views, views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("neu/", views.meeting_create, name="create"),
    path("kommission/", views.members, name="members"),
    path("kommission/berufung/", views.membership_add_view, name="membership_add"),
    path("kommission/vorpruefung/", views.prescreen_edit, name="prescreen_edit"),
    path("<id:pk>/", views.meeting_detail, name="detail"),
    path("<id:pk>/bearbeiten/", views.meeting_edit, name="edit"),
    path("<id:pk>/absagen/", views.meeting_cancel_view, name="cancel"),
    path("<id:pk>/tagesordnung/", views.agenda_add, name="agenda_add"),
    path("<id:pk>/tagesordnung/<id:item_pk>/absetzen/", views.agenda_remove, name="agenda_remove"),
    path("<id:pk>/tagesordnung/ruecknahme/", views.agenda_revocation, name="agenda_revocation"),
    path("<id:pk>/anwesenheit/", views.attendance, name="attendance"),
    path("<id:pk>/top/<id:item_pk>/beschluss/", views.item_decide_view, name="item_decide"),
    path("<id:pk>/top/<id:item_pk>/korrektur/", correction_views.item_correct_view, name="item_correct"),
    path("<id:pk>/top/<id:item_pk>/unterlagen/", session_documents_views.session_documents_view,
         name="session_documents"),
    path("<id:pk>/einladung/", views.invite, name="invite"),
    path("<id:pk>/protokoll.<str:fmt>", views.minutes_download, name="minutes"),
    # Printed agenda and invitation for the office (decision 0113).
    path("<id:pk>/tagesordnung.pdf", printout_views.agenda_download, name="agenda_pdf"),
    path("<id:pk>/einladung.pdf", printout_views.invitation_download, name="invitation_pdf"),
    path("<id:pk>/protokoll/genehmigen/", views.minutes_approve_view, name="minutes_approve"),
    # The session file (decision 0114): the own copy; the office checks an invited person's copy.
    path("<id:pk>/sitzungsmappe/", session_file_views.session_file_page, name="session_file"),
    path("<id:pk>/sitzungsmappe/pdf/", session_file_views.session_file_download, name="session_file_pdf"),
    path("<id:pk>/sitzungsmappe/<id:user_pk>/", session_file_views.session_file_page, name="session_file_for"),
    path("<id:pk>/sitzungsmappe/<id:user_pk>/pdf/", session_file_views.session_file_download,
         name="session_file_for_pdf"),
]
