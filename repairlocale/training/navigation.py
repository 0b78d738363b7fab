from django.utils.translation import gettext_lazy as _

from repairlocale.core.navigation import NavItem, NavSection

SECTIONS = (
    NavSection(
        label=_("Training"),
        icon="mortarboard",
        namespace="training",
        items=(
            NavItem(_("Trainees"), "training:home", "person-badge"),
            NavItem(_("Competency framework"), "training:framework_list", "list-stars"),
            NavItem(_("Training sessions"), "training:session_list", "calendar-check"),
            NavItem(
                _("Training overview"),
                "training:overview",
                "bar-chart-steps",
                coordinators_only=True,
            ),
        ),
    ),
)
