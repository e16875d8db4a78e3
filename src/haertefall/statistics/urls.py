from django.urls import path

from . import views

app_name = "statistics"
urlpatterns = [
    path("", views.report_page, name="report"),
    path("download/", views.report_download, name="download"),
    path("taetigkeitsbericht/", views.activity_report, name="activity_report"),
    path("taetigkeitsbericht/kapitel/", views.chapters, name="chapters"),
]
