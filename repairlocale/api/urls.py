"""The API under /api/: version 1 of the REST API, its schema and documentation,
and the pages to manage personal tokens."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from repairlocale.api.exceptions import not_found
from repairlocale.api.views import network, pages, repairs, reuse, showcase

app_name = "api"

router = SimpleRouter()
router.register("organisations", network.OrganisationViewSet, basename="organisation")
router.register("sites", network.SiteViewSet, basename="site")
router.register("hubs", network.HubViewSet, basename="hub")
router.register("municipalities", network.MunicipalityViewSet, basename="municipality")
router.register(
    "product-categories", network.ProductCategoryViewSet, basename="productcategory"
)
router.register("appliances", reuse.ApplianceViewSet, basename="appliance")
router.register(
    r"appliances/(?P<appliance_code>[A-Za-z0-9-]+)/steps",
    reuse.ApplianceStepViewSet,
    basename="appliance-step",
)
router.register("repair-records", repairs.RepairRecordViewSet, basename="repairrecord")
router.register("activities", showcase.ActivityViewSet, basename="activity")
router.register("cases", showcase.CaseViewSet, basename="case")
router.register("trainees", showcase.TraineeViewSet, basename="trainee")

v1 = [
    *router.urls,
    path("ords-export/", repairs.OrdsExportView.as_view(), name="ords-export"),
    path("impact/summary/", repairs.ImpactSummaryView.as_view(), name="impact-summary"),
    # Anything else under /api/v1/ answers 404 in the API's error shape.
    re_path(r"^[\s\S]*$", not_found),
]

urlpatterns = [
    path("", pages.api_index, name="index"),
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", pages.swagger_ui, name="docs"),
    path("redoc/", pages.redoc, name="redoc"),
    path("tokens/", pages.token_list, name="token_list"),
    path("tokens/<int:pk>/revoke/", pages.token_revoke, name="token_revoke"),
]
