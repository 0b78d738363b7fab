"""Label sheets of a reuse centre (included in the ``reuse`` namespace by urls.py)."""

from django.urls import path

from repairlocale.reuse.views import printing

urlpatterns = [
    path("centra/<int:pk>/labels.pdf", printing.centre_labels, name="centre_labels"),
    path("centra/<int:pk>/voorgedrukt/", printing.preprinted, name="preprinted"),
]
