"""The ORDS export download, added to the repairs app's URLs (namespace ``repairs``)."""

from django.urls import path

from repairlocale.repairs.views import exports

urlpatterns = [
    path("export/", exports.ords_export, name="ords_export"),
]
