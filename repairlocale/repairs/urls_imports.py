"""ORDS import pages, added to the repairs app's URLs (namespace ``repairs``)."""

from django.urls import path

from repairlocale.repairs.views import imports

urlpatterns = [
    path("imports/", imports.import_list, name="import_list"),
    path("imports/nieuw/", imports.import_upload, name="import_upload"),
    path("imports/<int:pk>/", imports.import_detail, name="import_detail"),
    path(
        "imports/<int:pk>/voortgang/",
        imports.import_progress,
        name="import_progress",
    ),
    path("imports/<int:pk>/fouten.csv", imports.import_errors, name="import_errors"),
]
