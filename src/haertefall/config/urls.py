"""URL map. Each part of the procedure brings its own pages (``urls.py``, under a German prefix)
and its API (``api_urls.py``, under ``api/<part>/``)."""

from django.urls import include, path, register_converter
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from .converters import IdConverter

# Every part's URLs write ids as <id:…>; registered before their modules are included.
register_converter(IdConverter, "id")

# An API address that matches no URL (an id that is no number, or too long) answers JSON.
handler404 = "haertefall.core.api.not_found"
# A failure answers German too: JSON for the API, portal/templates/500.html for pages.
handler500 = "haertefall.core.api.server_failed"

urlpatterns = [
    path("", include("haertefall.portal.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    # Pages
    path("konto/", include("haertefall.accounts.urls")),
    path("faelle/", include("haertefall.cases.urls")),
    path("faelle/", include("haertefall.worklist.urls")),
    path("sitzungen/", include("haertefall.meetings.urls")),
    path("behoerden/", include("haertefall.authorities.urls")),
    path("schreiben/", include("haertefall.correspondence.urls")),
    path("import/", include("haertefall.imports.urls")),
    path("statistik/", include("haertefall.statistics.urls")),
    path("protokoll/", include("haertefall.audit.urls")),
    path("loeschung/", include("haertefall.retention.urls")),
    # API
    path("api/accounts/", include("haertefall.accounts.api_urls")),
    path("api/cases/", include("haertefall.cases.api_urls")),
    path("api/worklist/", include("haertefall.worklist.api_urls")),
    path("api/meetings/", include("haertefall.meetings.api_urls")),
    path("api/authorities/", include("haertefall.authorities.api_urls")),
    path("api/correspondence/", include("haertefall.correspondence.api_urls")),
    path("api/imports/", include("haertefall.imports.api_urls")),
    path("api/statistics/", include("haertefall.statistics.api_urls")),
    path("api/audit/", include("haertefall.audit.api_urls")),
    path("api/retention/", include("haertefall.retention.api_urls")),
    path("api/registers/", include("haertefall.registers.api_urls")),
]
