"""Public pages: no login. Each part keeps its own URL module."""

from django.urls import include, path

app_name = "public"

urlpatterns = [
    path("", include("repairlocale.public.urls_map")),
    path("", include("repairlocale.public.urls_embed")),
    path("", include("repairlocale.public.urls_showcase")),
]
