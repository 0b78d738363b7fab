from django.urls import path

from repairlocale.needs.views import answers, campaigns, catalogue

app_name = "needs"

urlpatterns = [
    path("", campaigns.campaign_list, name="campaign_list"),
    path("catalogus/", catalogue.catalogue_list, name="catalogue_list"),
    path("catalogus/nieuw/", catalogue.catalogue_create, name="catalogue_create"),
    path(
        "catalogus/<int:pk>/bewerken/", catalogue.catalogue_edit, name="catalogue_edit"
    ),
    path("campagnes/nieuw/", campaigns.campaign_create, name="campaign_create"),
    path("campagnes/<int:pk>/", campaigns.campaign_detail, name="campaign_detail"),
    path("campagnes/<int:pk>/bewerken/", campaigns.campaign_edit, name="campaign_edit"),
    path(
        "campagnes/<int:pk>/uitnodigen/",
        campaigns.campaign_invite,
        name="campaign_invite",
    ),
    path(
        "campagnes/<int:pk>/resultaten/",
        campaigns.campaign_results,
        name="campaign_results",
    ),
    path(
        "campagnes/<int:pk>/fasen/", campaigns.campaign_stages, name="campaign_stages"
    ),
    path(
        "campagnes/<int:pk>/export.<str:fmt>",
        campaigns.campaign_export,
        name="campaign_export",
    ),
    path("antwoorden/<int:pk>/", answers.answer, name="answer"),
    path(
        "antwoorden/<int:pk>/nieuwe-link/",
        campaigns.campaign_hub_renew_link,
        name="campaign_hub_renew_link",
    ),
    path("link/<str:token>/", answers.link_answer, name="link_answer"),
]
