"""URL map. Each part of the procedure brings its own pages (``urls.py``) and API (``api_urls.py``)."""

from importlib.util import find_spec

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

# part -> German URL prefix of its pages
PARTS = {
    "accounts": "konto", "cases": "faelle", "meetings": "sitzungen", "authorities": "behoerden",
    "correspondence": "schreiben", "imports": "import", "statistics": "statistik",
    "audit": "protokoll", "retention": "loeschung", "registers": "register",
}

urlpatterns = [
    path("", include("haertefall.core.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]
for part, prefix in PARTS.items():
    if find_spec(f"haertefall.{part}.urls"):
        urlpatterns.append(path(f"{prefix}/", include(f"haertefall.{part}.urls")))
    if find_spec(f"haertefall.{part}.api_urls"):
        urlpatterns.append(path(f"api/{part}/", include(f"haertefall.{part}.api_urls")))
