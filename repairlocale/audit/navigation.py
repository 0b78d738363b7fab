"""The audit trail in the main menu."""

from django.utils.translation import gettext_lazy as _

from repairlocale.core.navigation import NavItem, NavSection

SECTIONS = (
    NavSection(
        label=_("Audit trail"),
        icon="clock-history",
        namespace="audit",
        items=(NavItem(_("Change log"), "audit:log", "journal-text"),),
    ),
)
