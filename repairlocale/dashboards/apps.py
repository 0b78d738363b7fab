from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "repairlocale.dashboards"
    label = "dashboards"
    verbose_name = _("Dashboards and reports")

    def ready(self):
        from django.db.models.signals import post_migrate

        post_migrate.connect(_reinstall_triggers, sender=self)


def _reinstall_triggers(sender, using="default", **kwargs):
    """Put the rollup triggers back after every migrate (see triggers.install)."""
    from django.db import connections

    from repairlocale.dashboards import triggers

    connection = connections[using]
    if "dashboards_rollupdirty" in connection.introspection.table_names():
        triggers.install(connection)
