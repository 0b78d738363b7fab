from django.urls import path  # noqa: F401  (each part below adds its own paths)

app_name = "repairs"

urlpatterns: list = []
