"""Shared pytest fixtures: the cache is cleared for every test; see personas below."""

import importlib
import os
import shutil
from types import SimpleNamespace

import pytest
from django.core.cache import cache


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run transactional tests (live server, browser) after all the others.

    They end with a flush that also empties the tables data migrations fill (ORDS
    categories, methodologies, the needs catalogue). pytest-django sorts them last,
    but pytest then regroups tests by parametrised session fixtures (the browser
    name of pytest-playwright), which can move them forward again: sort once more,
    stably, at the very end.
    """

    def transactional(item) -> bool:
        marker = item.get_closest_marker("django_db")
        if marker and (
            marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
        ):
            return True
        names = getattr(item, "fixturenames", ())
        return "transactional_db" in names or "live_server" in names

    items.sort(key=transactional)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _reference_rows_in_transactional_tests(request):
    """Give transactional tests the rows that data migrations load.

    A transactional test ends with a flush that also empties tables filled by data
    migrations (the 40 ORDS categories); the tests after it would find them gone.
    """
    marker = request.node.get_closest_marker("django_db")
    if not marker or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps

    importlib.import_module(
        "repairlocale.repairs.migrations.0002_ords_categories"
    ).load_categories(apps, None)
    importlib.import_module(
        "repairlocale.repairs.migrations.0004_typical_weights"
    ).load(apps, None)
    importlib.import_module(
        "repairlocale.impact.migrations.0002_restart_2021_methodology"
    ).load_methodologies(apps, None)
    importlib.import_module("repairlocale.needs.migrations.0003_seed_catalogue").seed(
        apps, None
    )


@pytest.fixture
def places(db):
    """A handful of real places, written here: two Flemish provinces, Brussels.

    Reproduces the quirks the forms must handle: a municipality with several
    postcodes (Brugge) and a postcode shared by two municipalities (1040).
    """
    from repairlocale.network.models import Region
    from repairlocale.network.tests.factories import (
        MunicipalityFactory,
        PostalCodeFactory,
        ProvinceFactory,
    )

    wvl = ProvinceFactory(nis_code="30000", name_nl="West-Vlaanderen")
    vbr = ProvinceFactory(
        nis_code="20001", name_nl="Vlaams-Brabant", name_fr="Brabant flamand"
    )
    brugge = MunicipalityFactory(
        nis_code="31005", name_nl="Brugge", name_fr="Bruges", province=wvl
    )
    oostkamp = MunicipalityFactory(nis_code="31022", name_nl="Oostkamp", province=wvl)
    leuven = MunicipalityFactory(
        nis_code="24062", name_nl="Leuven", name_fr="Louvain", province=vbr
    )
    brussel = MunicipalityFactory(
        nis_code="21004",
        name_nl="Brussel",
        name_fr="Bruxelles",
        province=None,
        region=Region.BRUSSELS,
    )
    etterbeek = MunicipalityFactory(
        nis_code="21005",
        name_nl="Etterbeek",
        name_fr="Etterbeek",
        province=None,
        region=Region.BRUSSELS,
    )
    for code, municipality in [
        ("8000", brugge),
        ("8200", brugge),
        ("8310", brugge),
        ("8020", oostkamp),
        ("3000", leuven),
        ("1000", brussel),
        ("1040", brussel),
        ("1040", etterbeek),
    ]:
        PostalCodeFactory(code=code, municipality=municipality)
    return SimpleNamespace(
        wvl=wvl,
        vbr=vbr,
        brugge=brugge,
        oostkamp=oostkamp,
        leuven=leuven,
        brussel=brussel,
        etterbeek=etterbeek,
    )


@pytest.fixture
def personas(places):
    """The people of every permission test (house style §19).

    manager / editor / viewer of Kringwinkel 't Rad; outsider = manager of another
    organisation; hubcoordinator = manager of the organisation that runs a hub;
    coordinator = network coordinator without memberships; admin = superuser.
    """
    from repairlocale.accounts.models import GlobalRole
    from repairlocale.accounts.tests.factories import UserFactory
    from repairlocale.network.models import Membership, Organisation, PilotRegion
    from repairlocale.network.tests.factories import (
        HubFactory,
        MembershipFactory,
        OrganisationFactory,
        PartnershipFactory,
        SiteFactory,
    )

    rad = OrganisationFactory(
        name="Kringwinkel 't Rad", pilot_region=PilotRegion.BRUGGE
    )
    other = OrganisationFactory(
        name="Kringwinkel Hageland", pilot_region=PilotRegion.VLAAMS_BRABANT
    )
    hub_org = OrganisationFactory(
        name="Circular Hub Brugge", type=Organisation.Type.HUB
    )
    hub = HubFactory(name="Circular Hub Brugge", organisation=hub_org)
    hub.municipalities.add(places.brugge, places.oostkamp)
    other_hub = HubFactory(name="Smart Loops")

    users = {}
    for username, org, role in [
        ("manager", rad, Membership.Role.MANAGER),
        ("editor", rad, Membership.Role.EDITOR),
        ("viewer", rad, Membership.Role.VIEWER),
        ("outsider", other, Membership.Role.MANAGER),
        ("hubcoordinator", hub_org, Membership.Role.MANAGER),
    ]:
        users[username] = UserFactory(username=username)
        MembershipFactory(user=users[username], organisation=org, role=role)
    users["coordinator"] = UserFactory(
        username="coordinator", global_role=GlobalRole.NETWORK_COORDINATOR
    )
    users["admin"] = UserFactory(
        username="admin",
        global_role=GlobalRole.ADMINISTRATOR,
        is_staff=True,
        is_superuser=True,
    )
    return SimpleNamespace(
        **users,
        places=places,
        rad=rad,
        other=other,
        hub_org=hub_org,
        hub=hub,
        other_hub=other_hub,
        rad_site=SiteFactory(organisation=rad, name="Winkel Brugge", postcode="8000"),
        other_site=SiteFactory(
            organisation=other, name="Winkel Aarschot", postcode="3000"
        ),
        rad_partnership=PartnershipFactory(organisation=rad, hub=hub),
        other_partnership=PartnershipFactory(organisation=other, hub=other_hub),
    )


@pytest.fixture
def all_personas(personas):
    """The ten personas of the permission tables: ``personas`` plus a coach and a
    trainee (repairlocale/core/tests/personas.py), added to the same namespace.

    ``personas`` alone keeps creating only its eight people.
    """
    from repairlocale.core.tests.personas import add_coach_and_trainee

    return add_coach_and_trainee(personas)


@pytest.fixture
def login(client):
    """Log the test client in as a user: ``login(personas.editor)``."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


# --- Browser tests (Playwright driving Debian's chromium) -------------------------
# Playwright's sync API runs an event loop in the test thread; the ORM calls made by
# fixtures then look "async" to Django, which is safe here (one thread per test).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("chromium is required (apt-get install chromium)")
        pytest.skip("chromium not installed: apt-get install chromium")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }
