from django.urls import path  # noqa: F401  (each part below adds its own paths)

from repairlocale.repairs.urls_events import urlpatterns as event_urlpatterns
from repairlocale.repairs.urls_exports import urlpatterns as export_urlpatterns
from repairlocale.repairs.urls_imports import urlpatterns as import_urlpatterns
from repairlocale.repairs.urls_people import urlpatterns as people_urlpatterns
from repairlocale.repairs.urls_stats import urlpatterns as stats_urlpatterns

app_name = "repairs"

urlpatterns: list = []
urlpatterns += event_urlpatterns
urlpatterns += export_urlpatterns
urlpatterns += import_urlpatterns
urlpatterns += stats_urlpatterns
urlpatterns += people_urlpatterns
