from django.urls import path

from repairlocale.core import views, views_privacy

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/register/", views_privacy.register, name="privacy_register"),
    path("privacy/personen/", views_privacy.people, name="privacy_people"),
    path("privacy/personen/<int:pk>/", views_privacy.person, name="privacy_person"),
    path(
        "privacy/personen/<int:pk>/export.json",
        views_privacy.person_export,
        name="privacy_person_export",
    ),
    path(
        "privacy/personen/<int:pk>/wissen/",
        views_privacy.person_erase,
        name="privacy_person_erase",
    ),
]
