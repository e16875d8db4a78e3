from django.urls import path

from .api import ReportApi

app_name = "statistics_api"
urlpatterns = [path("report/", ReportApi.as_view(), name="report")]
