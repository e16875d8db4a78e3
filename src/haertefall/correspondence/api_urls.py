from django.urls import path
from rest_framework.routers import DefaultRouter

from . import api

app_name = "correspondence-api"
router = DefaultRouter()
router.include_root_view = False
router.register("letters", api.LetterViewSet, basename="letter")
router.register("templates", api.TemplateViewSet, basename="template")
urlpatterns = [*router.urls, path("letterhead/", api.LetterheadApi.as_view(), name="letterhead")]
