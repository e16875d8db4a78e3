from rest_framework.routers import SimpleRouter

from .api import UserViewSet

app_name = "accounts-api"
router = SimpleRouter()
router.register("users", UserViewSet, basename="users")
urlpatterns = router.urls
