"""Inflow quality pages, added to the reuse app's URLs (namespace ``reuse``)."""

from django.urls import path

from repairlocale.reuse.views import inflow

urlpatterns = [
    path("centra/<int:pk>/instroom/", inflow.inflow, name="inflow"),
    path("instroom/", inflow.inflow_compare, name="inflow_compare"),
]
