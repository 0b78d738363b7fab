"""The public showcase of cases and activities (views live in the cases app)."""

from django.urls import path

from repairlocale.cases import views_public

urlpatterns = [
    path("verhalen/", views_public.showcase, name="showcase"),
    path("verhalen/cases/<int:pk>/", views_public.showcase_case, name="showcase_case"),
    path(
        "verhalen/activiteiten/<int:pk>/",
        views_public.showcase_activity,
        name="showcase_activity",
    ),
    path("verhalen/hubs/<int:pk>/", views_public.showcase_hub, name="showcase_hub"),
]
