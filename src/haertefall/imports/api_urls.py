from django.urls import path

from . import api

app_name = "imports-api"
urlpatterns = [
    path("jobs/", api.ImportJobListApi.as_view(), name="jobs"),
    path("template.xlsx", api.ImportTemplateXlsxApi.as_view(), name="template-xlsx"),
    path("template.csv", api.ImportTemplateCsvApi.as_view(), name="template-csv"),
    path("jobs/<id:job_id>/", api.ImportJobDetailApi.as_view(), name="job"),
    path("jobs/<id:job_id>/confirm/", api.ImportJobConfirmApi.as_view(), name="job-confirm"),
]
