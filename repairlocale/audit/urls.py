from django.urls import path

from repairlocale.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.log, name="log"),
    path("<slug:kind>/<int:pk>/", views.object_history, name="object_history"),
]
