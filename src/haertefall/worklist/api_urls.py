from django.urls import path

from . import api

app_name = "worklist-api"
urlpatterns = [
    path("saved-filters/", api.SavedFiltersApi.as_view(), name="saved-filters"),
    path("saved-filters/<id:pk>/", api.SavedFilterDetailApi.as_view(), name="saved-filter-detail"),
    path("export/<slug:fmt>/", api.CaseListExportApi.as_view(), name="export"),
    path("bulk/", api.BulkApi.as_view(), name="bulk"),
]
