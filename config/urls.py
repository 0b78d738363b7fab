"""Top-level URL configuration.

URLs carry no language prefix: printed labels and shared links must keep working
whatever language the reader uses. The language is chosen by cookie and profile.
"""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from repairlocale.core.views import healthz
from repairlocale.reuse.urls import fiche_urlpatterns

admin.site.site_header = _("Repair Locale – administration")
admin.site.site_title = _("Repair Locale")
admin.site.index_title = _("Platform administration")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("account/", include("repairlocale.accounts.urls")),
    path("netwerk/", include("repairlocale.network.urls")),
    path("hergebruik/", include("repairlocale.reuse.urls")),
    path("herstellingen/", include("repairlocale.repairs.urls")),
    path("impact/", include("repairlocale.impact.urls")),
    path("opleiding/", include("repairlocale.training.urls")),
    path("behoeften/", include("repairlocale.needs.urls")),
    path("praktijk/", include("repairlocale.cases.urls")),
    path("pilots/", include("repairlocale.pilots.urls")),
    path("dashboards/", include("repairlocale.dashboards.urls")),
    path("api/", include("repairlocale.api.urls")),
    path("historiek/", include("repairlocale.audit.urls")),
    path("", include("repairlocale.public.urls")),
    *fiche_urlpatterns,
    path("beheer/", admin.site.urls),
    path("", include("repairlocale.core.urls")),
]

if settings.DEBUG:  # pragma: no cover - development only
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
