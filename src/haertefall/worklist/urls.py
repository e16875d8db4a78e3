from django.urls import path

from . import views

app_name = "worklist"
urlpatterns = [
    path("export/<slug:fmt>/", views.export, name="export"),
    path("filter/neu/", views.filter_save, name="filter_save"),
    path("filter/<id:pk>/", views.filter_apply, name="filter_apply"),
    path("filter/<id:pk>/loeschen/", views.filter_delete, name="filter_delete"),
    path("sammelbearbeitung/", views.bulk, name="bulk"),
    path("sammelbearbeitung/ergebnis/", views.bulk_result, name="bulk_result"),
]
