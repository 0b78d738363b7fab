"""Who may and who may not, for every view of the platform.

Non-members get 404, members with too low a role get 403 (house style §10).
Each row: URL name, how to build its arguments from the personas, the method, and
the expected status per persona (the ten of repairlocale/core/tests/personas.py;
"anon" is a visitor who is not logged in). The coach is an editor of Kringwinkel
't Rad, so outside the training module they get what the editor gets; the trainee
belongs to no organisation and gets what a signed-in stranger gets.
"""

import pytest
from django.urls import reverse

from repairlocale.core.tests.personas import PERSONAS, expected_statuses, log_in_as


def _row(name, args, method, **expected):
    statuses = expected_statuses(expected)
    return pytest.param(name, args, method, statuses, id=f"{method}-{name}")


def _no_args(p):
    return []


def _rad(p):
    return [p.rad.pk]


def _rad_appliance(p):
    """An appliance of Kringwinkel 't Rad with one triage step (created once)."""
    from repairlocale.reuse.services import step_record
    from repairlocale.reuse.tests.factories import ApplianceFactory, ReuseCentreFactory

    if not hasattr(p, "appliance"):
        ReuseCentreFactory(organisation=p.rad, code_prefix="RAD")
        p.appliance = ApplianceFactory(organisation=p.rad, code="RAD-000001")
        step_record(
            appliance=p.appliance,
            kind="triage",
            performed_by=p.editor,
            data={"rejection_reasons": []},
        )
    return p.appliance


# Managers of Kringwinkel 't Rad and the network's coordinators; other members of the
# organisation get 403, people outside it 404.
RAD_MANAGERS_ONLY = {
    "default": 403,
    "manager": 200,
    "coordinator": 200,
    "admin": 200,
    "outsider": 404,
    "hubcoordinator": 404,
    "coach": 403,
    "trainee": 404,
}

# Members of the centre read (and print); everyone else gets 404.
MEMBERS_READ = {
    "default": 200,
    "outsider": 404,
    "hubcoordinator": 404,
    "coach": 200,
    "trainee": 404,
}


def _cafe(p):
    """A Repair Café with its host, one evening and one entry (created once)."""
    import datetime

    from repairlocale.accounts.tests.factories import UserFactory
    from repairlocale.network.models import Membership, Organisation
    from repairlocale.network.tests.factories import (
        MembershipFactory,
        OrganisationFactory,
    )
    from repairlocale.repairs.models import ProductCategory
    from repairlocale.repairs.services import repair_entries_add, repair_event_create

    if not hasattr(p, "cafe"):
        p.cafe = OrganisationFactory(
            name="Repair Café Gent", type=Organisation.Type.REPAIR_CAFE
        )
        p.cafehost = UserFactory(username="cafehost")
        MembershipFactory(
            user=p.cafehost, organisation=p.cafe, role=Membership.Role.EDITOR
        )
        p.cafe_event = repair_event_create(
            organisation=p.cafe,
            data={"date": datetime.date(2026, 3, 14), "place": "Buurthuis"},
            by=p.cafehost,
        )
        [p.cafe_entry] = repair_entries_add(
            event=p.cafe_event,
            data={
                "product_category": ProductCategory.objects.get(ords_name="Toaster"),
                "item_type": "Broodrooster",
                "repair_status": "Fixed",
            },
            by=p.cafehost,
        )
    return p


def _batch(p):
    from repairlocale.repairs.models import ImportBatch

    if not hasattr(p, "batch"):
        p.batch = ImportBatch.objects.create(file_name="repairconnects.csv")
    return p.batch


# Only members of the Repair Café (none of the personas) and coordinators.
CAFE_ONLY = {
    "default": 404,
    "coordinator": 200,
    "admin": 200,
    "coach": 404,
    "trainee": 404,
}
COORDINATORS_ONLY = {
    "default": 403,
    "coordinator": 200,
    "admin": 200,
    "coach": 403,
    "trainee": 403,
}

ROWS = [
    _row("core:home", _no_args, "get", default=200, coach=200, trainee=200),
    _row(
        "network:organisation_list",
        _no_args,
        "get",
        default=200,
        coach=200,
        trainee=200,
    ),
    _row(
        "network:organisation_detail",
        _rad,
        "get",
        default=200,
        outsider=404,
        hubcoordinator=404,
        coach=200,
        trainee=404,
    ),
    _row("network:organisation_edit", _rad, "get", **RAD_MANAGERS_ONLY),
    _row(
        "network:organisation_create",
        _no_args,
        "get",
        default=403,
        coordinator=200,
        admin=200,
        coach=403,
        trainee=403,
    ),
    _row("network:member_invite", _rad, "get", **RAD_MANAGERS_ONLY),
    _row("network:site_list", _no_args, "get", default=200, coach=200, trainee=200),
    _row(
        "network:site_detail",
        lambda p: [p.rad_site.pk],
        "get",
        default=200,
        outsider=404,
        hubcoordinator=404,
        coach=200,
        trainee=404,
    ),
    _row(
        "network:site_edit",
        lambda p: [p.rad_site.pk],
        "get",
        default=200,
        viewer=403,
        outsider=404,
        hubcoordinator=404,
        coach=200,
        trainee=404,
    ),
    # Anyone who edits at least one organisation may open the form.
    _row(
        "network:site_create",
        _no_args,
        "get",
        default=200,
        viewer=403,
        coach=200,
        trainee=403,
    ),
    _row(
        "network:site_delete",
        lambda p: [p.rad_site.pk],
        "get",
        default=405,
        anon=302,
        coach=405,
        trainee=405,
    ),
    _row("network:hub_list", _no_args, "get", default=200, coach=200, trainee=200),
    _row(
        "network:hub_detail",
        lambda p: [p.hub.pk],
        "get",
        default=200,
        coach=200,
        trainee=200,
    ),
    _row(
        "network:hub_edit",
        lambda p: [p.hub.pk],
        "get",
        default=403,
        hubcoordinator=200,
        coordinator=200,
        admin=200,
        coach=403,
        trainee=403,
    ),
    _row(
        "network:hub_create",
        _no_args,
        "get",
        default=403,
        coordinator=200,
        admin=200,
        coach=403,
        trainee=403,
    ),
    _row(
        "network:partnership_list", _no_args, "get", default=200, coach=200, trainee=200
    ),
    _row(
        "network:partnership_detail",
        lambda p: [p.rad_partnership.pk],
        "get",
        default=200,
        outsider=404,
        coach=200,
        trainee=404,
    ),
    _row(
        "network:partnership_edit",
        lambda p: [p.rad_partnership.pk],
        "get",
        default=200,
        viewer=403,
        outsider=404,
        coach=200,
        trainee=404,
    ),
    _row(
        "network:partnership_create",
        _no_args,
        "get",
        default=200,
        viewer=403,
        coach=200,
        trainee=403,
    ),
    _row(
        "network:municipality_list",
        _no_args,
        "get",
        default=200,
        coach=200,
        trainee=200,
    ),
    _row(
        "network:municipality_detail",
        lambda p: [p.places.brugge.nis_code],
        "get",
        default=200,
        coach=200,
        trainee=200,
    ),
    # A member of exactly one reuse centre is taken straight to it; someone of
    # none (the trainee) sees an empty list.
    _row(
        "reuse:centre_list",
        _no_args,
        "get",
        default=302,
        hubcoordinator=200,
        coordinator=200,
        admin=200,
        coach=302,
        trainee=200,
    ),
    _row("reuse:scan", _no_args, "get", default=200, coach=200, trainee=200),
    _row(
        "reuse:centre_detail",
        _rad,
        "get",
        default=200,
        outsider=404,
        hubcoordinator=404,
        coach=200,
        trainee=404,
    ),
    _row(
        "reuse:intake",
        _rad,
        "get",
        default=200,
        viewer=403,
        outsider=404,
        hubcoordinator=404,
        coach=200,
        trainee=404,
    ),
    # The label URL answers everyone: non-members see only the public part.
    _row(
        "appliance_fiche",
        lambda p: [_rad_appliance(p).code],
        "get",
        default=200,
        anon=200,
        coach=200,
        trainee=200,
    ),
    _row(
        "appliance_step_correct",
        lambda p: [_rad_appliance(p).code, 1],
        "get",
        default=200,
        viewer=403,
        outsider=404,
        hubcoordinator=404,
        coach=200,
        trainee=404,
    ),
    _row(
        "appliance_label_pdf",
        lambda p: [_rad_appliance(p).code],
        "get",
        **MEMBERS_READ,
    ),
    _row(
        "appliance_fiche_pdf",
        lambda p: [_rad_appliance(p).code],
        "get",
        **MEMBERS_READ,
    ),
    _row("reuse:preprinted", _rad, "get", **MEMBERS_READ),
    # Without ?codes= or ?status= members get a 400 "choose what to print" page.
    _row(
        "reuse:centre_labels",
        _rad,
        "get",
        default=400,
        outsider=404,
        hubcoordinator=404,
        coach=400,
        trainee=404,
    ),
    _row("reuse:inflow", _rad, "get", **MEMBERS_READ),
    # Everyone signed in; the data is limited to the centres they belong to.
    _row("reuse:inflow_compare", _no_args, "get", default=200, coach=200, trainee=200),
    _row("repairs:event_list", _no_args, "get", default=200, coach=200, trainee=200),
    _row("repairs:event_create", lambda p: [_cafe(p).cafe.pk], "get", **CAFE_ONLY),
    _row(
        "repairs:event_detail", lambda p: [_cafe(p).cafe_event.pk], "get", **CAFE_ONLY
    ),
    _row("repairs:event_edit", lambda p: [_cafe(p).cafe_event.pk], "get", **CAFE_ONLY),
    _row("repairs:entry_edit", lambda p: [_cafe(p).cafe_entry.pk], "get", **CAFE_ONLY),
    _row(
        "repairs:repairer_history",
        lambda p: [_cafe(p).cafe.pk, _cafe(p).cafehost.pk],
        "get",
        **CAFE_ONLY,
    ),
    _row(
        "repairs:category_suggest", _no_args, "get", default=200, coach=200, trainee=200
    ),
    _row("repairs:ords_export", _no_args, "get", **COORDINATORS_ONLY),
    _row("repairs:stats", _no_args, "get", **COORDINATORS_ONLY),
    _row("repairs:import_list", _no_args, "get", **COORDINATORS_ONLY),
    _row("repairs:import_upload", _no_args, "get", **COORDINATORS_ONLY),
    _row("repairs:import_detail", lambda p: [_batch(p).pk], "get", **COORDINATORS_ONLY),
    _row(
        "repairs:import_progress", lambda p: [_batch(p).pk], "get", **COORDINATORS_ONLY
    ),
    _row("repairs:import_errors", lambda p: [_batch(p).pk], "get", **COORDINATORS_ONLY),
    # The impact methodology is public.
    _row(
        "impact:methodology",
        _no_args,
        "get",
        default=200,
        anon=200,
        coach=200,
        trainee=200,
    ),
    _row(
        "impact:methodology_version",
        lambda p: ["restart-2021-lca", "2021.1"],
        "get",
        default=200,
        anon=200,
        coach=200,
        trainee=200,
    ),
    _row("accounts:profile", _no_args, "get", default=200, coach=200, trainee=200),
    _row(
        "accounts:password_change", _no_args, "get", default=200, coach=200, trainee=200
    ),
    _row(
        "admin:index", _no_args, "get", default=302, admin=200, coach=302, trainee=302
    ),
]


@pytest.mark.parametrize(("name", "args", "method", "statuses"), ROWS)
def test_view_access(client, all_personas, name, args, method, statuses):
    url = reverse(name, args=args(all_personas))
    answered = {
        persona: getattr(log_in_as(client, all_personas, persona), method)(
            url
        ).status_code
        for persona in PERSONAS
    }
    assert answered == statuses, f"{method.upper()} {url}"


@pytest.mark.parametrize(
    ("name", "args", "allowed", "denied"),
    [
        (
            "network:site_delete",
            lambda p: [p.rad_site.pk],
            ["editor"],
            {"viewer": 403, "outsider": 404, "hubcoordinator": 404, "trainee": 404},
        ),
        (
            "network:partnership_delete",
            lambda p: [p.rad_partnership.pk],
            ["hubcoordinator"],
            {"viewer": 403, "outsider": 404, "trainee": 404},
        ),
        (
            "network:member_remove",
            lambda p: [p.rad.pk, p.rad.memberships.get(user=p.viewer).pk],
            ["manager"],
            {
                "viewer": 403,
                "editor": 403,
                "coach": 403,
                "outsider": 404,
                "hubcoordinator": 404,
                "trainee": 404,
            },
        ),
    ],
    ids=["site_delete", "partnership_delete", "member_remove"],
)
def test_post_actions_require_the_right_role(
    client, all_personas, name, args, allowed, denied
):
    personas = all_personas
    url = reverse(name, args=args(personas))
    for persona, status in denied.items():
        client.force_login(getattr(personas, persona))
        assert client.post(url).status_code == status, persona
    client.logout()
    assert client.post(url).status_code == 302
    assert "/account/aanmelden/" in client.post(url)["Location"]
    client.force_login(getattr(personas, allowed[0]))
    assert client.post(url).status_code == 302


def test_non_member_cannot_create_a_site_for_another_organisation(client, personas):
    client.force_login(personas.outsider)
    url = reverse("network:site_create") + f"?organisation={personas.rad.pk}"
    assert client.get(url).status_code == 404
    response = client.post(
        reverse("network:site_create"),
        {
            "organisation": personas.rad.pk,
            "name": "Sneaky",
            "kind": "shop",
            "street": "Markt 1",
            "postcode": "8000",
        },
    )
    assert response.status_code == 200  # form error: not a valid choice
    assert not personas.rad.sites.filter(name="Sneaky").exists()


def test_inactive_coordinator_has_no_powers(client, personas):
    personas.coordinator.is_active = False
    personas.coordinator.save()
    client.force_login(personas.coordinator)
    response = client.get(reverse("network:organisation_list"))
    assert response.status_code == 302  # inactive users are logged out


# Views everyone may open, logged in or not; each has its own tests elsewhere.
PUBLIC = {
    "healthz",
    "accounts:login",
    "accounts:logout",
    "accounts:set_language",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
}
COVERED_ELSEWHERE = {
    # POST-only actions, covered by test_post_actions_require_the_right_role and
    # test_members.py; the lookup by test_postcode_lookup_requires_a_login.
    "network:member_role",
    "network:partnership_delete",
    "network:member_remove",
    "network:postcode_lookup",
    # POST only; reuse/tests/test_fiche_views.py covers who may record a step.
    "appliance_step_add",
    # POST only (the fast entry form); repairs/tests/test_repair_event_views.py.
    "repairs:entry_add",
}


def _named_urls(resolver, namespace=""):
    from django.urls import URLPattern, URLResolver

    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # Django's own, staff only (row admin:index above)
            inner = pattern.namespace or ""
            prefix = f"{namespace}:{inner}" if namespace and inner else inner
            yield from _named_urls(pattern, prefix or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def _covered_by_app_matrices():
    """URL names that an app's own matrix covers.

    Later apps keep their table in ``<app>/tests/test_permissions.py`` (with the
    same ten personas, see test_every_permission_table_covers_all_ten_personas)
    and list the URL names it covers, including the POST-only ones tested there,
    in ``COVERED_URLS``.
    """
    import importlib

    from django.apps import apps

    covered = set()
    for config in apps.get_app_configs():
        if not config.name.startswith("repairlocale."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.test_permissions")
        except ModuleNotFoundError as error:
            if not f"{config.name}.tests.test_permissions".startswith(error.name):
                raise
            continue
        covered |= set(module.COVERED_URLS)
    return covered


def test_every_url_has_an_entry_in_the_permission_table():
    """Adding a view without saying who may open it fails here."""
    from django.urls import get_resolver

    covered = (
        {row.values[0] for row in ROWS}
        | PUBLIC
        | COVERED_ELSEWHERE
        | _covered_by_app_matrices()
    )
    missing = sorted(set(_named_urls(get_resolver())) - covered)
    assert missing == [], f"add these to ROWS in {__file__}: {missing}"


def test_postcode_lookup_requires_a_login(client, personas):
    url = reverse("network:postcode_lookup") + "?postcode=8000"
    assert client.get(url).status_code == 302
    client.force_login(personas.outsider)
    assert client.get(url).status_code == 200


def _permission_tables():
    """Every module with a permission table: each app's ``test_permissions.py``
    and any other test module that names ``PERSONAS`` (test_import_views.py, …)."""
    import importlib
    import re
    from pathlib import Path

    import repairlocale

    root = Path(repairlocale.__file__).parent
    for path in sorted(root.glob("*/tests/**/test_*.py")):
        source = path.read_text(encoding="utf-8")
        if path.name == "test_permissions.py" or re.search(r"\bPERSONAS\b", source):
            dotted = path.relative_to(root.parent).with_suffix("").parts
            yield importlib.import_module(".".join(dotted))


def _statuses_of(row):
    """The persona → status mappings of one table row."""
    values = getattr(row, "values", row)
    return [v for v in values if isinstance(v, dict) and "anon" in v]


def test_every_permission_table_covers_all_ten_personas():
    """A table without the coach or the trainee (or any other persona) fails here."""
    from repairlocale.core.tests.personas import PERSONAS as TEN

    tables = list(_permission_tables())
    names = {module.__name__ for module in tables}
    # The known tables are found (a broken discovery would pass vacuously).
    assert {
        "repairlocale.core.tests.test_permission_matrix",
        "repairlocale.repairs.tests.test_import_views",
        "repairlocale.impact.tests.test_methodology_views",
        "repairlocale.training.tests.test_permissions",
        "repairlocale.audit.tests.test_permissions",
    } <= names
    lacking = {}
    for module in tables:
        missing = set(TEN) - set(getattr(module, "PERSONAS", ()))
        for row in getattr(module, "ROWS", ()):
            for statuses in _statuses_of(row):
                missing |= set(TEN) - statuses.keys()
        if missing:
            lacking[module.__name__] = sorted(missing)
    assert lacking == {}, f"add the personas of core/tests/personas.py: {lacking}"
