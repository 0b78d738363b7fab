# ruff: noqa: E501 - demo stories read better unwrapped
"""Demo activities and cases with success and failure factors for both pilot regions.

Built on the network demo's hubs and organisations (``network.demo``) and on the
activity catalogue the needs app loads. The stories are plausible demo material
written for this project, not real reports. Idempotent: rows are found by title.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from repairlocale.cases import search
from repairlocale.cases.models import Activity, Case, Factor, PublicationStatus, Tag
from repairlocale.needs.models import CatalogueActivity, Theme
from repairlocale.network.models import Hub, Organisation

P, R, D = (
    PublicationStatus.PUBLISHED,
    PublicationStatus.IN_REVIEW,
    PublicationStatus.DRAFT,
)

# (hub, title, days ago, theme of the catalogue type, target group, participants,
#  partners, description, outputs, status)
ACTIVITIES = [
    (
        "Circular Hub Brugge",
        "Herstelcafé in de bibliotheek van Brugge",
        40,
        Theme.INSPIRE,
        "residents",
        46,
        ["Repair Café Brugge", "Kringwinkel 't Rad"],
        "Een zaterdagnamiddag met zes vrijwillige herstellers en een infostand over "
        "bewarend inzamelen.",
        "31 toestellen hersteld, 12 doorverwezen naar de kringwinkel.",
        P,
    ),
    (
        "Circular Hub Brugge",
        "Opleiding parkwachters: toestellen heel houden",
        75,
        Theme.PRESERVING_COLLECTION,
        "local_government",
        14,
        ["Kringwinkel 't Rad"],
        "Halve dag voor parkwachters van twee recyclageparken: wat is herbruikbaar, "
        "hoe stockeer je droog.",
        "Een checklist per park; een overdekte kast in Oostkamp.",
        P,
    ),
    (
        "Circular Hub Brugge",
        "Netwerkmoment herstelactoren regio Brugge",
        10,
        Theme.CONNECT,
        "social_enterprises",
        22,
        ["Repair Café Brugge"],
        "Kennismaking tussen Repair Cafés, kringwinkel en stad.",
        "Afspraak voor een gedeelde agenda.",
        R,
    ),
    (
        "Smart Loops",
        "Proefdag elektroherstel voor doelgroepmedewerkers",
        55,
        Theme.TRAINING,
        "trainees",
        8,
        ["Kringwinkel Hageland", "Kringwinkel ViTeS"],
        "Veilig meten, diagnose en eenvoudige herstellingen aan kleine huishoudtoestellen.",
        "Acht deelnemers, vier willen de volledige opleiding volgen.",
        P,
    ),
    (
        "Smart Loops",
        "Bevraging lokale noden bij gemeenten",
        120,
        Theme.DETECT,
        "local_government",
        11,
        [],
        "Gesprekken met milieudiensten van vijf gemeenten.",
        "Lijst van drie kansen voor 2026.",
        P,
    ),
    (
        "C3000",
        "Herstelcafé op de campus",
        20,
        Theme.INSPIRE,
        "schools",
        60,
        ["Maakbaar Leuven"],
        "Studenten brengen kapotte laptops en lampen mee.",
        "25 toestellen hersteld.",
        D,
    ),
    (
        "CICO Hub",
        "Infosessie herstelservice voor bedrijven",
        30,
        Theme.REPAIR_SERVICES,
        "companies",
        18,
        [],
        "Wat een herstelservice van een sociale onderneming kan betekenen.",
        "",
        P,
    ),
]

# (hub, title, theme, status, summary nl, summary en, context, approach, results,
#  tags, factors: (kind, factor, theme, context, recommendation))
CASES = [
    (
        "Circular Hub Brugge",
        "Bewarend inzamelen op het recyclagepark van Oostkamp",
        Theme.PRESERVING_COLLECTION,
        P,
        "Een overdekte kast en opgeleide parkwachters zorgen dat herbruikbare toestellen "
        "heel tot bij de kringwinkel raken.",
        "A covered cabinet and trained park attendants keep reusable appliances intact on "
        "their way to the reuse centre.",
        "<p>Op het recyclagepark belandden bruikbare toestellen in de container voor "
        "<strong>AEEA</strong> en raakten beschadigd.</p>",
        "<ul><li>Een overdekte kast naast de container.</li><li>Een halve dag opleiding "
        "voor de parkwachters.</li><li>Wekelijkse ophaling door Kringwinkel 't Rad.</li></ul>",
        "<p>Het aandeel toestellen dat de verkoop haalt, steeg merkbaar.</p>",
        "elektro, bewarend inzamelen, recyclagepark",
        [
            (
                "success",
                "Parkwachters mee in het verhaal",
                Theme.PRESERVING_COLLECTION,
                "Zij beslissen aan de container.",
                "Start met een korte opleiding ter plaatse.",
            ),
            (
                "failure",
                "Geen droge opslag in de winter",
                Theme.PRESERVING_COLLECTION,
                "Vocht maakte toestellen onbruikbaar.",
                "Voorzie een gesloten kast vóór de start.",
            ),
            (
                "success",
                "Vaste ophaaldag",
                Theme.REPAIR_SERVICES,
                "De kast raakte nooit overvol.",
                "Spreek een vast ritme af met de kringwinkel.",
            ),
        ],
    ),
    (
        "Circular Hub Brugge",
        "Herstelcafés als doorverwijzers naar de kringwinkel",
        Theme.CONNECT,
        R,
        "Repair Cafés verwijzen toestellen die ze niet kunnen herstellen door naar de "
        "werkplaats van de kringwinkel.",
        "Repair Cafés refer appliances they cannot fix to the reuse centre's workshop.",
        "Vrijwilligers stuurden bezoekers met lastige toestellen naar huis.",
        "Een doorverwijskaartje en een vaste contactpersoon in de werkplaats.",
        "Een twintigtal doorverwijzingen in drie maanden.",
        "repair café, samenwerking",
        [
            (
                "success",
                "Eén vaste contactpersoon",
                Theme.CONNECT,
                "",
                "Geef de vrijwilligers een naam en een nummer.",
            ),
            (
                "failure",
                "Onduidelijk wie de kosten draagt",
                Theme.CONNECT,
                "Bezoekers verwachtten een gratis herstelling.",
                "Communiceer vooraf de prijs van de werkplaats.",
            ),
        ],
    ),
    (
        "Smart Loops",
        "Doelgroepmedewerkers leren elektroherstel in Vlaams-Brabant",
        Theme.TRAINING,
        P,
        "Een opleidingstraject in twee kringwinkels, met een coach en echte herstellingen "
        "in de werkplaats.",
        "A training path in two reuse centres, with a coach and real repairs in the workshop.",
        "<p>Er waren te weinig herstellers voor het aanbod aan toestellen.</p>",
        "<p>Korte modules, een vaste coach en oefenen op toestellen uit de eigen instroom.</p>",
        "<p>Vier doelgroepmedewerkers herstellen zelfstandig kleine huishoudtoestellen.</p>",
        "elektro, opleiding, doelgroepmedewerkers",
        [
            (
                "success",
                "Oefenen op echte toestellen",
                Theme.TRAINING,
                "Motivatie steeg zodra herstelde toestellen verkocht werden.",
                "Koppel elke module aan de eigen instroom.",
            ),
            (
                "failure",
                "Coach te weinig beschikbaar",
                Theme.TRAINING,
                "De coach combineerde de opleiding met de werkplaats.",
                "Reserveer vaste coachuren in de planning.",
            ),
            (
                "failure",
                "Te weinig aanvoer van herstelbare toestellen",
                Theme.PRESERVING_COLLECTION,
                "Veel toestellen kwamen beschadigd binnen.",
                "Start samen met bewarend inzamelen.",
            ),
        ],
    ),
    (
        "C3000",
        "Herstelcafé op de campus: studenten als herstellers",
        Theme.INSPIRE,
        D,
        "Studenten leren herstellen en nemen het idee mee naar hun kot.",
        "",
        "",
        "",
        "",
        "studenten",
        [
            (
                "success",
                "Sterke promotie via studentenverenigingen",
                Theme.INSPIRE,
                "",
                "",
            )
        ],
    ),
]


def _catalogue(theme: str) -> CatalogueActivity:
    found = CatalogueActivity.objects.filter(theme=theme, is_active=True).first()
    if found is not None:
        return found
    # The needs app seeds the catalogue in a migration; this is only a fallback.
    return CatalogueActivity.objects.get_or_create(
        name_nl=f"Demo: {Theme(theme).label}", defaults={"theme": theme}
    )[0]


def _organisations(names: list[str]):
    return Organisation.objects.filter(name__in=names)


@transaction.atomic
def seed(*, today: date) -> str:
    coordinator = get_user_model().objects.filter(username="coordinator").first()
    hubs = {h.name: h for h in Hub.objects.all()}
    made = {"activities": 0, "cases": 0}
    for (
        hub_name,
        title,
        ago,
        theme,
        group,
        people,
        partners,
        text,
        outputs,
        status,
    ) in ACTIVITIES:
        if hub_name not in hubs or Activity.objects.filter(title=title).exists():
            continue
        activity = Activity.objects.create(
            hub=hubs[hub_name],
            title=title,
            date=today - timedelta(days=ago),
            activity_type=_catalogue(theme),
            target_group=group,
            participants=people,
            description=text,
            outputs=outputs,
            status=status,
            created_by=coordinator,
            submitted_at=timezone.now() if status != D else None,
            published_at=timezone.now() if status == P else None,
            reviewed_by=coordinator if status == P else None,
        )
        activity.partners.set(_organisations(partners))
        search.index_activity(activity)
        made["activities"] += 1
    for (hub_name, title, theme, status, s_nl, s_en, context, approach, results,
         tags, factors) in CASES:  # fmt: skip
        if hub_name not in hubs or Case.objects.filter(title=title).exists():
            continue
        case = Case.objects.create(
            hub=hubs[hub_name],
            title=title,
            theme=theme,
            status=status,
            summary_nl=s_nl,
            summary_en=s_en,
            context=context,
            approach=approach,
            results=results,
            contact_name="Demo contact",
            contact_email="info@example.org",
            created_by=coordinator,
            submitted_at=timezone.now() if status != D else None,
            published_at=timezone.now() if status == P else None,
            reviewed_by=coordinator if status == P else None,
        )
        case.tags.set(
            Tag.objects.get_or_create(name=t.strip())[0] for t in tags.split(",")
        )
        for kind, factor, factor_theme, f_context, recommendation in factors:
            Factor.objects.create(
                case=case,
                kind=kind,
                factor=factor,
                theme=factor_theme,
                context=f_context,
                recommendation=recommendation,
            )
        search.index_case(case)
        made["cases"] += 1
    return (
        f"Practice library: {made['activities']} new activities and {made['cases']} "
        f"new cases ({Case.objects.published().count()} cases published)."
    )
