"""The activity and case library in the main menu."""

from django.utils.translation import gettext_lazy as _

from repairlocale.core.navigation import NavItem, NavSection

SECTIONS = (
    NavSection(
        label=_("Practice"),
        icon="journal-text",
        namespace="cases",
        items=(
            NavItem(_("Activities"), "cases:activity_list", "calendar-check"),
            NavItem(_("Cases"), "cases:case_list", "journal-richtext"),
            NavItem(_("Lessons"), "cases:lessons", "lightbulb"),
            NavItem(_("Search"), "cases:search", "search"),
            NavItem(
                _("Review queue"),
                "cases:review_queue",
                "check2-square",
                coordinators_only=True,
            ),
            NavItem(_("Public showcase"), "public:showcase", "globe"),
        ),
    ),
)
