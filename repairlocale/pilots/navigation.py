"""Pilot projects in the main menu."""

from django.utils.translation import gettext_lazy as _

from repairlocale.core.navigation import NavItem, NavSection

SECTIONS = (
    NavSection(
        label=_("Pilots"),
        icon="flag",
        namespace="pilots",
        items=(NavItem(_("Pilot projects"), "pilots:pilot_list", "flag"),),
    ),
)
