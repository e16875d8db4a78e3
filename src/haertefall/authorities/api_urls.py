from rest_framework.routers import DefaultRouter

from . import api

app_name = "authorities-api"
router = DefaultRouter()
router.include_root_view = False
router.register("statement-requests", api.StatementRequestViewSet, basename="statement-request")
router.register("hardship-requests", api.HardshipRequestViewSet, basename="hardship-request")
router.register("intended-decisions", api.IntendedDecisionViewSet, basename="intended-decision")
router.register("outcomes", api.OutcomeViewSet, basename="outcome")
router.register("reminders", api.ReminderViewSet, basename="reminder")
router.register("document-releases", api.DocumentReleaseViewSet, basename="document-release")
urlpatterns = router.urls
