from django.urls import path

from repairlocale.network.views import (
    hubs,
    members,
    organisations,
    partnerships,
    places,
    sites,
)

app_name = "network"

urlpatterns = [
    path("organisaties/", organisations.organisation_list, name="organisation_list"),
    path(
        "organisaties/nieuw/",
        organisations.organisation_create,
        name="organisation_create",
    ),
    path(
        "organisaties/<int:pk>/",
        organisations.organisation_detail,
        name="organisation_detail",
    ),
    path(
        "organisaties/<int:pk>/bewerken/",
        organisations.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "organisaties/<int:pk>/leden/uitnodigen/",
        members.member_invite,
        name="member_invite",
    ),
    path(
        "organisaties/<int:pk>/leden/<int:membership_pk>/rol/",
        members.member_role,
        name="member_role",
    ),
    path(
        "organisaties/<int:pk>/leden/<int:membership_pk>/verwijderen/",
        members.member_remove,
        name="member_remove",
    ),
    path("vestigingen/", sites.site_list, name="site_list"),
    path("vestigingen/nieuw/", sites.site_create, name="site_create"),
    path("vestigingen/<int:pk>/", sites.site_detail, name="site_detail"),
    path("vestigingen/<int:pk>/bewerken/", sites.site_edit, name="site_edit"),
    path("vestigingen/<int:pk>/verwijderen/", sites.site_delete, name="site_delete"),
    path("hubs/", hubs.hub_list, name="hub_list"),
    path("hubs/nieuw/", hubs.hub_create, name="hub_create"),
    path("hubs/<int:pk>/", hubs.hub_detail, name="hub_detail"),
    path("hubs/<int:pk>/bewerken/", hubs.hub_edit, name="hub_edit"),
    path("samenwerkingen/", partnerships.partnership_list, name="partnership_list"),
    path(
        "samenwerkingen/nieuw/",
        partnerships.partnership_create,
        name="partnership_create",
    ),
    path(
        "samenwerkingen/<int:pk>/",
        partnerships.partnership_detail,
        name="partnership_detail",
    ),
    path(
        "samenwerkingen/<int:pk>/bewerken/",
        partnerships.partnership_edit,
        name="partnership_edit",
    ),
    path(
        "samenwerkingen/<int:pk>/verwijderen/",
        partnerships.partnership_delete,
        name="partnership_delete",
    ),
    path("gemeenten/", places.municipality_list, name="municipality_list"),
    path(
        "gemeenten/<str:nis_code>/",
        places.municipality_detail,
        name="municipality_detail",
    ),
    path("postcode/", places.postcode_lookup, name="postcode_lookup"),
]
