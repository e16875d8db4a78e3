from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("vorlage.xlsx", views.template_xlsx, name="template_xlsx"),
    path("vorlage.csv", views.template_csv, name="template_csv"),
    path("<id:job_id>/", views.job, name="job"),
    path("<id:job_id>/ausfuehren/", views.job_confirm, name="job_confirm"),
]
