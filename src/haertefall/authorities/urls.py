from django.urls import path

from . import views

app_name = "authorities"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("ministerium/", views.ministry, name="ministry"),
    path("faelle/<id:case_id>/", views.case_work, name="case"),
    path("faelle/<id:case_id>/stellungnahme-anfordern/", views.statement_request_create,
         name="statement_request"),
    path("faelle/<id:case_id>/informationen-anfordern/", views.info_request_create, name="info_request"),
    path("faelle/<id:case_id>/ersuchen-versenden/", views.hardship_request_send_view, name="hardship_request_send"),
    path("faelle/<id:case_id>/dokumente/<id:document_id>/freigeben/", views.document_release_view,
         name="document_release"),
    path("freigaben/<id:pk>/zuruecknehmen/", views.document_release_withdraw_view, name="document_release_withdraw"),
    path("stellungnahmen/<id:pk>/", views.statement_answer, name="statement_answer"),
    path("stellungnahmen/<id:pk>/verlaengern/", views.statement_extend_view, name="statement_extend"),
    path("stellungnahmen/<id:pk>/hemmung/", views.statement_pause_view, name="statement_pause"),
    path("informationen/<id:pk>/", views.info_answer_view, name="info_answer"),
    path("ersuchen/<id:pk>/beabsichtigte-entscheidung/", views.intended_decision, name="intended_decision"),
    path("ersuchen/<id:pk>/ergebnis/", views.outcome, name="outcome"),
    path("beabsichtigte-entscheidungen/<id:pk>/ministerium-erneut-senden/", views.ministry_notice_resend_view,
         name="ministry_notice_resend"),
    path("beabsichtigte-entscheidungen/<id:pk>/ministerium-anderweitig/", views.ministry_notice_otherwise_view,
         name="ministry_notice_otherwise"),
]
