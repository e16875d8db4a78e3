from django.urls import path

from . import api

app_name = "imports-api"
urlpatterns = [
    path("jobs/", api.ImportJobListApi.as_view(), name="jobs"),
    path("jobs/<id:job_id>/", api.ImportJobDetailApi.as_view(), name="job"),
    path("jobs/<id:job_id>/confirm/", api.ImportJobConfirmApi.as_view(), name="job-confirm"),
]
