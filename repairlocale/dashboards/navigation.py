from django.utils.translation import gettext_lazy as _

from repairlocale.core.navigation import NavItem, NavSection

SECTIONS = (
    NavSection(
        label=_("Dashboards"),
        icon="speedometer2",
        namespace="dashboards",
        items=(
            NavItem(_("Flanders"), "dashboards:flanders", "speedometer2"),
            NavItem(
                _("Pilot regions side by side"),
                "dashboards:pilot_regions",
                "layout-split",
            ),
            NavItem(
                _("Funder report"),
                "dashboards:report_list",
                "file-earmark-bar-graph",
                coordinators_only=True,
            ),
        ),
    ),
)
