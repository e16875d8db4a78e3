from rest_framework.routers import SimpleRouter

from .api import AuditEntryViewSet

app_name = "audit-api"
router = SimpleRouter()
router.register("entries", AuditEntryViewSet, basename="entries")
urlpatterns = router.urls
