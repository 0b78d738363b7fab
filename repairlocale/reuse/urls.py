from django.urls import path

from repairlocale.reuse.urls_inflow import urlpatterns as inflow_urlpatterns
from repairlocale.reuse.urls_printing import urlpatterns as printing_urlpatterns
from repairlocale.reuse.views import centres, fiche, photos, printing

app_name = "reuse"

urlpatterns = [
    path("", centres.centre_list, name="centre_list"),
    path("scan/", fiche.scan, name="scan"),
    path("centra/<int:pk>/", centres.centre_detail, name="centre_detail"),
    path("centra/<int:pk>/intake/", centres.intake, name="intake"),
]

# Mounted at the site root (config/urls.py): these URLs are printed on labels and
# must never change.
fiche_urlpatterns = [
    path("a/<str:code>/", fiche.appliance_fiche, name="appliance_fiche"),
    path("a/<str:code>/stap/<str:kind>/", fiche.step_add, name="appliance_step_add"),
    path(
        "a/<str:code>/stap/<int:sequence>/corrigeren/",
        fiche.step_correct,
        name="appliance_step_correct",
    ),
    path(
        "a/<str:code>/fotos/toevoegen/",
        photos.appliance_photo_add,
        name="appliance_photo_add",
    ),
    path(
        "a/<str:code>/fotos/<int:pk>/",
        photos.appliance_photo,
        name="appliance_photo",
    ),
    path(
        "a/<str:code>/fotos/<int:pk>/klein/",
        photos.appliance_photo_thumbnail,
        name="appliance_photo_thumbnail",
    ),
    path(
        "a/<str:code>/fotos/<int:pk>/verwijderen/",
        photos.appliance_photo_delete,
        name="appliance_photo_delete",
    ),
    path(
        "a/<str:code>/fiche.pdf",
        printing.appliance_fiche_pdf,
        name="appliance_fiche_pdf",
    ),
    path(
        "a/<str:code>/label.pdf", printing.appliance_label, name="appliance_label_pdf"
    ),
]

urlpatterns += printing_urlpatterns
urlpatterns += inflow_urlpatterns
