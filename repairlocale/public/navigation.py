from django.utils.translation import gettext_lazy as _

from repairlocale.core.navigation import NavItem, NavSection

SECTIONS = (
    NavSection(
        label=_("Public"),
        icon="globe2",
        namespace="public",
        items=(NavItem(_("Map of repair places"), "public:map", "map"),),
    ),
)
