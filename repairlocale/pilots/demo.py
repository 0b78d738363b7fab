"""Demo pilot projects: preserving collection in Brugge, training in Vlaams-Brabant.

Goals use the live indicators, so the demo appliances of the reuse demo show up
against the targets. Idempotent: pilots are found by title and their goals,
milestones, partners and links rewritten.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from repairlocale.network.models import Organisation
from repairlocale.pilots.models import (
    FocusTheme,
    Milestone,
    MilestoneStatus,
    PilotGoal,
    PilotLink,
    PilotPartner,
    PilotProject,
)

S = MilestoneStatus
PILOTS = [
    {
        "title": "Bewarend inzamelen van elektro in de regio Brugge",
        "pilot_region": "brugge",
        "focus": FocusTheme.INFLOW_QUALITY,
        "summary": (
            "Op twee recyclageparken komt een beschutte zone voor herbruikbare "
            "toestellen; parkwachters leren triëren en Kringwinkel 't Rad haalt de "
            "toestellen wekelijks op. Doel: meer toestellen die de winkel halen."
        ),
        "partners": [
            ("Kringwinkel 't Rad", "Trekker: ophaling, triage en herstelling"),
            ("Circular Hub Brugge", "Coördinatie en contact met de gemeenten"),
            ("Repair&Share", "Begeleiding en kennisdeling"),
        ],
        "goals": [
            (
                "Toestellen ingezameld in de pilootregio",
                "appliances_in",
                0,
                400,
                "toestellen",
            ),
            (
                "Aandeel bewarend ingezamelde toestellen dat de winkel haalt",
                "sold_percent:preserving_collection",
                35,
                55,
                "%",
            ),
            ("Aandeel afgekeurd bij triage", "rejected_percent", 40, 25, "%"),
            ("Parkwachters opgeleid in triage", "", 0, 12, "parkwachters", 7),
        ],
        "milestones": [
            ("Afspraken met de intercommunale", -150, S.DONE),
            ("Beschutte zone recyclagepark 1", -90, S.DONE),
            ("Opleiding parkwachters", -20, S.IN_PROGRESS),
            ("Beschutte zone recyclagepark 2", 40, S.DELAYED),
            ("Evaluatie en verslag", 200, S.PLANNED),
        ],
        "links": [
            ("Projectplan", "https://www.repairshare.be/", "Repair&Share"),
        ],
    },
    {
        "title": "Doelgroepmedewerkers opleiden in elektroherstel (Vlaams-Brabant)",
        "pilot_region": "vlaams_brabant",
        "focus": FocusTheme.TRAINING,
        "summary": (
            "Kringwinkel Hageland en Kringwinkel ViTeS leiden samen "
            "doelgroepmedewerkers op in elektroherstel, met een gedeeld "
            "competentieraamwerk en begeleiding op de werkvloer."
        ),
        "partners": [
            ("Kringwinkel Hageland", "Trekker: opleiding en begeleiding"),
            ("Kringwinkel ViTeS", "Opleidingsplaats en werkplaats"),
            ("Smart Loops", "Coördinatie in de hub-regio"),
            ("Herw!n", "Begeleiding en kennisdeling"),
        ],
        "goals": [
            ("Doelgroepmedewerkers in opleiding", "trainees", 0, 12, "medewerkers"),
            ("Medewerkers beoordeeld", "trainees_assessed", 0, 10, "medewerkers"),
            (
                "Geslaagde herstellingen door medewerkers",
                "trainee_repair_success_percent",
                40,
                60,
                "%",
            ),
        ],
        "milestones": [
            ("Competentieraamwerk afgesproken", -120, S.DONE),
            ("Eerste opleidingsgroep gestart", -60, S.DONE),
            ("BA4-attesten", 30, S.PLANNED),
            ("Uitwisseling met Brugge", 75, S.PLANNED),
        ],
        "links": [("Herw!n", "https://www.herwin.be/", "Federatie")],
    },
]


@transaction.atomic
def seed(*, today: datetime.date) -> str:
    organisations = {o.name: o for o in Organisation.objects.filter(is_demo=True)}
    if not organisations:
        return "pilots: no demo organisations (run the network demo first)"
    start = today - datetime.timedelta(days=180)
    for spec in PILOTS:
        pilot, _created = PilotProject.objects.update_or_create(
            title=spec["title"],
            defaults={
                "pilot_region": spec["pilot_region"],
                "focus": spec["focus"],
                "summary": spec["summary"],
                "start_date": start,
                "end_date": start + datetime.timedelta(days=540),
                "is_demo": True,
            },
        )
        pilot.partners.all().delete()
        PilotPartner.objects.bulk_create(
            PilotPartner(pilot=pilot, organisation=organisations[name], role=role)
            for name, role in spec["partners"]
            if name in organisations
        )
        pilot.goals.all().delete()
        for order, goal in enumerate(spec["goals"]):
            description, key, baseline, target, unit, *manual = goal
            PilotGoal.objects.create(
                pilot=pilot,
                description=description,
                indicator=key,
                baseline=Decimal(baseline),
                target=Decimal(target),
                unit=unit,
                manual_value=Decimal(manual[0]) if manual else None,
                order=order,
            )
        pilot.milestones.all().delete()
        Milestone.objects.bulk_create(
            Milestone(
                pilot=pilot,
                title=title,
                due_date=today + datetime.timedelta(days=offset),
                status=status,
            )
            for title, offset, status in spec["milestones"]
        )
        pilot.links.all().delete()
        PilotLink.objects.bulk_create(
            PilotLink(pilot=pilot, title=title, url=url, description=description)
            for title, url, description in spec["links"]
        )
    return f"pilots: {len(PILOTS)} pilot projects"
