from django.urls import path

from repairlocale.pilots import views

app_name = "pilots"

urlpatterns = [
    path("", views.pilot_list, name="pilot_list"),
    path("nieuw/", views.pilot_create, name="pilot_create"),
    path("<int:pk>/", views.pilot_detail, name="pilot_detail"),
    path("<int:pk>/bewerken/", views.pilot_edit, name="pilot_edit"),
]
