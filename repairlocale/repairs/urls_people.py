"""One person's repair history, added to the repairs app's URLs (``repairs``)."""

from django.urls import path

from repairlocale.repairs.views import people

urlpatterns = [
    path(
        "herstellers/<int:user_pk>/geschiedenis/",
        people.person_history,
        name="person_history",
    ),
]
