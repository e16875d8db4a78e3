from rest_framework.routers import SimpleRouter

from .api import RetentionRuleViewSet

app_name = "retention-api"
router = SimpleRouter()
router.register("rules", RetentionRuleViewSet, basename="rules")
urlpatterns = router.urls
