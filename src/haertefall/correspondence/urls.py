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
    path("<id:pk>/<str:fmt>/", views.letter_download, name="letter_download"),
]
