"""The needs mapping in the main menu."""

from django.utils.translation import gettext_lazy as _

from repairlocale.core.navigation import NavItem, NavSection

SECTIONS = (
    NavSection(
        label=_("Needs mapping"),
        icon="clipboard-data",
        namespace="needs",
        items=(
            NavItem(_("Campaigns"), "needs:campaign_list", "clipboard-check"),
            NavItem(_("Activity catalogue"), "needs:catalogue_list", "journal-text"),
        ),
    ),
)
