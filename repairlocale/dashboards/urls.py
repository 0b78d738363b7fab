from django.urls import include, path

from repairlocale.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.flanders, name="flanders"),
    path("pilootregios/", views.pilot_regions, name="pilot_regions"),
    path("hub/<int:pk>/", views.hub, name="hub"),
    path("organisatie/<int:pk>/", views.organisation, name="organisation"),
    path("rapport/", include("repairlocale.dashboards.urls_report")),
]
