from django.urls import path

from repairlocale.impact import views

app_name = "impact"

urlpatterns = [
    path("methode/", views.methodology_detail, name="methodology"),
    path(
        "methode/<slug:slug>/<str:version>/",
        views.methodology_detail,
        name="methodology_version",
    ),
]
