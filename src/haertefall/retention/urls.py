from django.urls import path

from . import views

app_name = "retention"
urlpatterns = [
    path("", views.rules, name="rules"),
    path("<id:pk>/", views.rule_edit, name="rule_edit"),
]
