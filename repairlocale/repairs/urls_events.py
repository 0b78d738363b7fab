"""Repair Café logging, added to the repairs app's URLs (namespace ``repairs``)."""

from django.urls import path

from repairlocale.repairs.views import events

urlpatterns = [
    path("evenementen/", events.event_list, name="event_list"),
    path(
        "repaircafes/<int:pk>/evenementen/nieuw/",
        events.event_create,
        name="event_create",
    ),
    path("evenementen/<int:pk>/", events.event_detail, name="event_detail"),
    path("evenementen/<int:pk>/bewerken/", events.event_edit, name="event_edit"),
    path("evenementen/<int:pk>/toestellen/", events.entry_add, name="entry_add"),
    path("toestellen/<int:pk>/bewerken/", events.entry_edit, name="entry_edit"),
    path("categorie-suggestie/", events.category_suggest, name="category_suggest"),
    path(
        "repaircafes/<int:pk>/herstellers/<int:user_pk>/",
        events.repairer_history,
        name="repairer_history",
    ),
]
