"""The main navigation.

The first modules' sections are listed here; later apps add theirs in their own
``navigation.py`` (a ``SECTIONS`` tuple), collected by ``navigation_sections()`` in
the order of INSTALLED_APPS.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    icon: str
    # Shown only to network coordinators (the page answers 403 to anyone else).
    coordinators_only: bool = False


@dataclass(frozen=True)
class NavSection:
    label: str | Promise
    icon: str
    items: tuple[NavItem, ...]
    # The URL namespace that marks this section active in the menu.
    namespace: str


NAVIGATION: tuple[NavSection, ...] = (
    NavSection(
        label=_("Workshop"),
        icon="tools",
        namespace="reuse",
        items=(
            NavItem(_("Work queues"), "reuse:centre_list", "list-check"),
            NavItem(_("Scan a label"), "reuse:scan", "qr-code-scan"),
            NavItem(_("Inflow quality"), "reuse:inflow_compare", "bar-chart"),
        ),
    ),
    NavSection(
        label=_("Repairs"),
        icon="wrench",
        namespace="repairs",
        items=(
            NavItem(_("Repair Café events"), "repairs:event_list", "calendar-event"),
            NavItem(
                _("ORDS import"),
                "repairs:import_list",
                "upload",
                coordinators_only=True,
            ),
            NavItem(
                _("ORDS export"),
                "repairs:ords_export",
                "download",
                coordinators_only=True,
            ),
            NavItem(
                _("Statistics"), "repairs:stats", "graph-up", coordinators_only=True
            ),
            NavItem(
                _("Impact methodology"), "impact:methodology", "globe-europe-africa"
            ),
        ),
    ),
    NavSection(
        label=_("Network"),
        icon="diagram-3",
        namespace="network",
        items=(
            NavItem(_("Organisations"), "network:organisation_list", "building"),
            NavItem(_("Sites"), "network:site_list", "geo-alt"),
            NavItem(_("Hubs"), "network:hub_list", "bullseye"),
            NavItem(_("Partnerships"), "network:partnership_list", "people"),
            NavItem(_("Municipalities"), "network:municipality_list", "map"),
            NavItem(
                _("Personal-data register"),
                "core:privacy_register",
                "shield-lock",
                coordinators_only=True,
            ),
        ),
    ),
)


@cache
def navigation_sections() -> tuple[NavSection, ...]:
    """The core sections followed by every installed app's own ``SECTIONS``."""
    from django.apps import apps

    sections = list(NAVIGATION)
    for config in apps.get_app_configs():
        if not config.name.startswith("repairlocale.") or config.label == "core":
            continue
        try:
            module = importlib.import_module(f"{config.name}.navigation")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.navigation":
                raise
            continue
        sections.extend(module.SECTIONS)
    return tuple(sections)
