from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReuseConfig(AppConfig):
    name = "repairlocale.reuse"
    label = "reuse"
    verbose_name = _("Re-use (hergebruikfiche)")
