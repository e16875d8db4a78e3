from rest_framework.routers import DefaultRouter

from . import api

app_name = "registers-api"
router = DefaultRouter()
router.register("countries", api.CountryViewSet, basename="country")
router.register("authorities", api.AuthorityViewSet, basename="authority")
router.register("exclusion-catalogues", api.ExclusionCatalogueViewSet, basename="exclusion-catalogue")
urlpatterns = router.urls
