from django.urls import path

from . import views

app_name = "correspondence"
urlpatterns = [
    path("", views.templates, name="templates"),
    path("vorlagen/<str:kind>/hochladen/", views.template_upload_view, name="template_upload"),
    path("vorlagen/<str:kind>/herunterladen/", views.template_download, name="template_download"),
    path("vorlagen/<str:kind>/standard/", views.template_reset_view, name="template_reset"),
    path("faelle/<id:case_id>/", views.case_letters, name="case_letters"),
    path("faelle/<id:case_id>/erzeugen/<str:kind>/", views.letter_create, name="letter_create"),
    path("briefkopf/", views.letterhead_edit, name="letterhead"),
    path("entwurf/<id:pk>/", views.letter_draft, name="letter_draft"),
    path("entwurf/<id:pk>/vorschau.pdf", views.letter_preview, name="letter_preview"),
    path("entwurf/<id:pk>/versenden/", views.letter_send_view, name="letter_send"),
    path("entwurf/<id:pk>/verwerfen/", views.letter_discard_view, name="letter_discard"),
    path("<id:pk>/<str:fmt>/", views.letter_download, name="letter_download"),
]
