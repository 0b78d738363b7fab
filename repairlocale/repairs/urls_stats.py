"""The repair statistics page, added to the URLs of the repairs app (``repairs``)."""

from django.urls import path

from repairlocale.repairs.views import stats

urlpatterns = [
    path("statistieken/", stats.stats, name="stats"),
]
