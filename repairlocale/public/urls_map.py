from django.urls import path

from repairlocale.public import views_map

urlpatterns = [
    path("kaart/", views_map.map_page, name="map"),
    path(
        "kaart/plaatsen.geojson", views_map.places_geojson_view, name="places_geojson"
    ),
    path(
        "kaart/omtrekken.geojson",
        views_map.outlines_geojson_view,
        name="outlines_geojson",
    ),
    path(
        "kaart/gemeente/<str:nis_code>/",
        views_map.municipality_page,
        name="municipality",
    ),
]
