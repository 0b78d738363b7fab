"""Demo data for the network registry: the real partners of Repair Locale.

Organisation and hub names come from the project description (DESIGN.md §1). Hub
coverage is not published, so the municipalities given here are a plausible demo,
and every organisation and hub created here is marked ``is_demo``. Street names are
demo values; postcodes and municipality centres are real.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction

from repairlocale.core.context_processors import DEMO_CACHE_KEY
from repairlocale.network.models import (
    Hub,
    Membership,
    Municipality,
    Organisation,
    Partnership,
    PilotRegion,
    Site,
)

T = Organisation.Type
K = Site.Kind
R = Membership.Role

# Approximate town centres (WGS84), used where a site has no coordinates of its own.
MUNICIPALITY_CENTRES = {
    "Brugge": ("51.209300", "3.224700"),
    "Leuven": ("50.879800", "4.700500"),
    "Aarschot": ("50.986900", "4.836700"),
    "Tienen": ("50.807500", "4.937800"),
    "Diest": ("50.989400", "5.050600"),
    "Kortrijk": ("50.828000", "3.264900"),
    "Gent": ("51.054300", "3.717400"),
    "Aalst": ("50.937800", "4.040300"),
    "Oudenaarde": ("50.845000", "3.605000"),
    "Genk": ("50.965000", "5.500800"),
    "Turnhout": ("51.322700", "4.944700"),
    "Geel": ("51.161700", "4.990000"),
    "Vilvoorde": ("50.928100", "4.424500"),
    "Oostkamp": ("51.153900", "3.232500"),
}

# (name, type, pilot region, parent name)
ORGANISATIONS = [
    ("Repair&Share", T.NETWORK_ORGANISATION, PilotRegion.NONE, None),
    ("Herw!n", T.NETWORK_ORGANISATION, PilotRegion.NONE, None),
    ("Circular Hub Brugge", T.HUB, PilotRegion.BRUGGE, None),
    ("Kringwinkel 't Rad", T.REUSE_CENTRE, PilotRegion.BRUGGE, None),
    ("Smart Loops", T.HUB, PilotRegion.VLAAMS_BRABANT, None),
    ("Kringwinkel ViTeS", T.REUSE_CENTRE, PilotRegion.VLAAMS_BRABANT, None),
    ("Kringwinkel Hageland", T.REUSE_CENTRE, PilotRegion.VLAAMS_BRABANT, None),
    ("CICO Hub", T.HUB, PilotRegion.NONE, None),
    ("Hub Kempen+", T.HUB, PilotRegion.NONE, None),
    ("De Keet", T.HUB, PilotRegion.NONE, None),
    ("C3000", T.HUB, PilotRegion.NONE, None),
    ("Sociaal-Circulaire Hub Gent", T.HUB, PilotRegion.NONE, None),
    ("SCHOUDER", T.HUB, PilotRegion.NONE, None),
    ("Alternatief vzw", T.HUB, PilotRegion.NONE, None),
    ("Repair Café Gent", T.REPAIR_CAFE, PilotRegion.NONE, "Repair&Share"),
    ("Maakbaar Leuven", T.REPAIR_CAFE, PilotRegion.NONE, "Repair&Share"),
    ("Repair Café Brugge", T.REPAIR_CAFE, PilotRegion.BRUGGE, "Repair&Share"),
]

# (organisation, site name, kind, street, postcode, municipality)
SITES = [
    ("Kringwinkel 't Rad", "Winkel Brugge", K.SHOP, "Demostraat 12", "8000", "Brugge"),
    (
        "Kringwinkel 't Rad",
        "Werkplaats elektro",
        K.WORKSHOP,
        "Demolaan 3",
        "8200",
        "Brugge",
    ),
    (
        "Kringwinkel 't Rad",
        "Recyclagepark Oostkamp (bewarend inzamelen)",
        K.COLLECTION_POINT,
        "Parkweg 1",
        "8020",
        "Oostkamp",
    ),
    ("Circular Hub Brugge", "Kantoor", K.OFFICE, "Hubstraat 5", "8000", "Brugge"),
    (
        "Kringwinkel ViTeS",
        "Winkel Vilvoorde",
        K.SHOP,
        "Demostraat 8",
        "1800",
        "Vilvoorde",
    ),
    ("Kringwinkel ViTeS", "Werkplaats", K.WORKSHOP, "Demolaan 20", "1800", "Vilvoorde"),
    (
        "Kringwinkel Hageland",
        "Winkel Aarschot",
        K.SHOP,
        "Demostraat 4",
        "3200",
        "Aarschot",
    ),
    ("Kringwinkel Hageland", "Winkel Tienen", K.SHOP, "Demoplein 2", "3300", "Tienen"),
    (
        "Kringwinkel Hageland",
        "Werkplaats Diest",
        K.WORKSHOP,
        "Demolaan 9",
        "3290",
        "Diest",
    ),
    ("Smart Loops", "Kantoor", K.OFFICE, "Hubstraat 1", "3000", "Leuven"),
    ("CICO Hub", "Kantoor", K.OFFICE, "Hubstraat 2", "8500", "Kortrijk"),
    ("Hub Kempen+", "Kantoor", K.OFFICE, "Hubstraat 3", "2440", "Geel"),
    ("De Keet", "Kantoor", K.OFFICE, "Hubstraat 4", "9300", "Aalst"),
    ("C3000", "Kantoor", K.OFFICE, "Hubstraat 6", "3010", "Leuven"),
    ("Sociaal-Circulaire Hub Gent", "Kantoor", K.OFFICE, "Hubstraat 7", "9000", "Gent"),
    ("SCHOUDER", "Kantoor", K.OFFICE, "Hubstraat 8", "9700", "Oudenaarde"),
    ("Alternatief vzw", "Kantoor", K.OFFICE, "Hubstraat 9", "3600", "Genk"),
    ("Repair Café Gent", "Buurtcentrum", K.WORKSHOP, "Demostraat 30", "9000", "Gent"),
    (
        "Maakbaar Leuven",
        "Maakbaar Leuven",
        K.WORKSHOP,
        "Demostraat 40",
        "3000",
        "Leuven",
    ),
    (
        "Repair Café Brugge",
        "Ontmoetingscentrum",
        K.WORKSHOP,
        "Demostraat 50",
        "8310",
        "Brugge",
    ),
    ("Repair&Share", "Kantoor", K.OFFICE, "Demostraat 60", "9000", "Gent"),
    ("Herw!n", "Kantoor", K.OFFICE, "Demostraat 70", "9050", "Gent"),
]

# (hub name, organisation name, pilot region, demo municipalities)
HUBS = [
    (
        "Circular Hub Brugge",
        "Circular Hub Brugge",
        PilotRegion.BRUGGE,
        ["Brugge", "Damme", "Oostkamp", "Beernem", "Zedelgem", "Jabbeke"],
    ),
    (
        "Smart Loops",
        "Smart Loops",
        PilotRegion.VLAAMS_BRABANT,
        [
            "Aarschot",
            "Tienen",
            "Diest",
            "Scherpenheuvel-Zichem",
            "Begijnendijk",
            "Vilvoorde",
        ],
    ),
    (
        "CICO Hub",
        "CICO Hub",
        PilotRegion.NONE,
        ["Kortrijk", "Kuurne", "Harelbeke", "Wevelgem", "Zwevegem"],
    ),
    (
        "Hub Kempen+",
        "Hub Kempen+",
        PilotRegion.NONE,
        ["Turnhout", "Geel", "Mol", "Herentals", "Kasterlee"],
    ),
    (
        "De Keet",
        "De Keet",
        PilotRegion.NONE,
        ["Aalst", "Denderleeuw", "Erpe-Mere", "Lede"],
    ),
    (
        "C3000",
        "C3000",
        PilotRegion.VLAAMS_BRABANT,
        ["Leuven", "Herent", "Bertem", "Holsbeek", "Kortenberg"],
    ),
    (
        "Sociaal-Circulaire Hub Gent",
        "Sociaal-Circulaire Hub Gent",
        PilotRegion.NONE,
        ["Gent", "Merelbeke-Melle", "Destelbergen", "Lochristi"],
    ),
    ("SCHOUDER", "SCHOUDER", PilotRegion.NONE, ["Oudenaarde", "Kruisem", "Zwalm"]),
    (
        "Genk (Alternatief)",
        "Alternatief vzw",
        PilotRegion.NONE,
        ["Genk", "As", "Zutendaal", "Maasmechelen"],
    ),
]

# (organisation, hub, role, start)
PARTNERSHIPS = [
    ("Kringwinkel 't Rad", "Circular Hub Brugge", "lead", date(2024, 1, 1)),
    ("Repair Café Brugge", "Circular Hub Brugge", "partner", date(2024, 3, 1)),
    ("Kringwinkel ViTeS", "Smart Loops", "partner", date(2024, 1, 1)),
    ("Kringwinkel Hageland", "Smart Loops", "lead", date(2024, 1, 1)),
    ("Maakbaar Leuven", "C3000", "partner", date(2024, 6, 1)),
    ("Repair&Share", "Circular Hub Brugge", "advisor", date(2024, 1, 1)),
    ("Repair&Share", "Smart Loops", "advisor", date(2024, 1, 1)),
    ("Herw!n", "Circular Hub Brugge", "advisor", date(2024, 1, 1)),
    ("Herw!n", "Smart Loops", "advisor", date(2024, 1, 1)),
    ("Repair Café Gent", "Sociaal-Circulaire Hub Gent", "member", date(2023, 9, 1)),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role_label: str
    global_role: str = ""
    organisation: str | None = None
    membership_role: int | None = None
    superuser: bool = False


DEMO_USERS = [
    DemoUser(
        "coordinator",
        "Katrien",
        "Coördinator",
        "network coordinator",
        global_role="network_coordinator",
        organisation="Repair&Share",
        membership_role=R.MANAGER,
    ),
    DemoUser(
        "admin",
        "Ada",
        "Beheerder",
        "administrator",
        global_role="administrator",
        superuser=True,
    ),
    DemoUser(
        "manager",
        "Marc",
        "Manager",
        "manager of Kringwinkel 't Rad",
        organisation="Kringwinkel 't Rad",
        membership_role=R.MANAGER,
    ),
    DemoUser(
        "editor",
        "Eva",
        "Werkplaats",
        "editor (workshop staff) of Kringwinkel 't Rad",
        organisation="Kringwinkel 't Rad",
        membership_role=R.EDITOR,
    ),
    DemoUser(
        "viewer",
        "Victor",
        "Lezer",
        "viewer of Kringwinkel 't Rad",
        organisation="Kringwinkel 't Rad",
        membership_role=R.VIEWER,
    ),
    DemoUser(
        "hubcoordinator",
        "Hanne",
        "Hub",
        "hub coordinator of Circular Hub Brugge",
        organisation="Circular Hub Brugge",
        membership_role=R.MANAGER,
    ),
    DemoUser(
        "outsider",
        "Otto",
        "Buiten",
        "manager of Kringwinkel Hageland (another organisation)",
        organisation="Kringwinkel Hageland",
        membership_role=R.MANAGER,
    ),
    DemoUser(
        "volunteer",
        "Vera",
        "Vrijwilliger",
        "editor of Repair Café Gent (volunteer host)",
        organisation="Repair Café Gent",
        membership_role=R.EDITOR,
    ),
]


@dataclass
class DemoSeedResult:
    created: dict[str, int] = field(default_factory=dict)
    # (username, password or None when unchanged, role description)
    users: list[tuple[str, str | None, str]] = field(default_factory=list)


def demo_password(username: str) -> str:
    """The fixed development password of a demo user (only used with DEBUG on)."""
    return f"demo-{username}-2026"


@transaction.atomic
def demo_seed(
    *, random_passwords: bool, reset_passwords: bool = False
) -> DemoSeedResult:
    """Create or update the demo network. Safe to run repeatedly."""
    result = DemoSeedResult()
    count = result.created

    def bump(key: str, created: bool) -> None:
        count[key] = count.get(key, 0) + int(created)

    municipalities = {m.name_nl: m for m in Municipality.objects.flemish()}
    if not municipalities:
        raise RuntimeError("Load the reference data first: manage.py load_reference")
    for name, (lat, lon) in MUNICIPALITY_CENTRES.items():
        Municipality.objects.filter(pk=municipalities[name].pk).update(
            latitude=Decimal(lat), longitude=Decimal(lon)
        )

    organisations: dict[str, Organisation] = {}
    for name, type_, pilot, parent in ORGANISATIONS:
        org, created = Organisation.objects.update_or_create(
            name=name,
            type=type_,
            defaults={
                "pilot_region": pilot,
                "parent": organisations.get(parent) if parent else None,
                "is_demo": True,
            },
        )
        organisations[name] = org
        bump("organisations", created)

    for org_name, site_name, kind, street, postcode, municipality in SITES:
        site = Site(
            organisation=organisations[org_name],
            name=site_name,
            kind=kind,
            street=street,
            postcode=postcode,
            municipality=municipalities[municipality],
        )
        existing = Site.objects.filter(
            organisation=site.organisation, name=site_name
        ).first()
        if existing is None:
            site.full_clean()
            site.save()
        bump("sites", existing is None)

    hubs: dict[str, Hub] = {}
    for name, org_name, pilot, covered in HUBS:
        hub, created = Hub.objects.update_or_create(
            name=name,
            defaults={
                "organisation": organisations[org_name],
                "pilot_region": pilot,
                "is_demo": True,
            },
        )
        hub.municipalities.add(*(municipalities[m] for m in covered))
        hubs[name] = hub
        bump("hubs", created)

    for org_name, hub_name, role, start in PARTNERSHIPS:
        _, created = Partnership.objects.get_or_create(
            organisation=organisations[org_name],
            hub=hubs[hub_name],
            role=role,
            start_date=start,
        )
        bump("partnerships", created)

    UserModel = get_user_model()
    for demo in DEMO_USERS:
        user, created = UserModel.objects.get_or_create(
            username=demo.username,
            defaults={
                "email": f"{demo.username}@demo.repairlocale.invalid",
                "first_name": demo.first_name,
                "last_name": demo.last_name,
                "global_role": demo.global_role,
                "is_staff": demo.superuser,
                "is_superuser": demo.superuser,
            },
        )
        password = None
        if created or reset_passwords:
            password = (
                secrets.token_urlsafe(12)
                if random_passwords
                else demo_password(demo.username)
            )
            user.set_password(password)
            user.save(update_fields=["password"])
        elif not random_passwords and user.check_password(demo_password(demo.username)):
            password = demo_password(demo.username)
        if demo.organisation:
            Membership.objects.update_or_create(
                user=user,
                organisation=organisations[demo.organisation],
                defaults={"role": demo.membership_role},
            )
        bump("users", created)
        result.users.append((demo.username, password, demo.role_label))

    transaction.on_commit(lambda: cache.delete(DEMO_CACHE_KEY))
    return result
