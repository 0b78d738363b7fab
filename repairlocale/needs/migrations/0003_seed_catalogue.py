"""Seed the activity catalogue with the project's proposed activities (Repair Locale)."""

from django.db import migrations

# (theme, effort, name_nl, name_en, description_nl, description_en, target groups)
ACTIVITIES = [
    (
        "inspire",
        "low",
        "Herstelcafé-demonstratie op een lokaal evenement",
        "Repair café demonstration at a local event",
        "Vrijwilligers tonen live hoe je een toestel herstelt op een markt of feest.",
        "Volunteers show live how to repair an appliance at a market or fair.",
        "inwoners, gezinnen",
    ),
    (
        "inspire",
        "medium",
        "Herstelworkshop voor scholen",
        "Repair workshop for schools",
        "Leerlingen openen en herstellen eenvoudige toestellen onder begeleiding.",
        "Pupils open and repair simple appliances with guidance.",
        "scholen, jongeren",
    ),
    (
        "inspire",
        "low",
        "Sensibiliseringscampagne 'Eerst herstellen'",
        "Awareness campaign 'Repair first'",
        "Affiches, sociale media en lokale pers rond herstellen in plaats van weggooien.",
        "Posters, social media and local press on repairing instead of discarding.",
        "inwoners",
    ),
    (
        "connect",
        "medium",
        "Nieuw Repair Café opstarten",
        "Starting a new Repair Café",
        "Een lokale groep vrijwilligers begeleiden bij de start van een Repair Café.",
        "Coaching a local group of volunteers to start a Repair Café.",
        "vrijwilligers, lokale besturen",
    ),
    (
        "connect",
        "low",
        "Netwerkmoment herstelactoren",
        "Networking event for repair actors",
        "Kringwinkels, Repair Cafés, herstellers en gemeenten leren elkaar kennen.",
        "Reuse centres, Repair Cafés, repairers and municipalities meet.",
        "organisaties, herstellers",
    ),
    (
        "connect",
        "medium",
        "Doorverwijzing Repair Café – kringwinkel",
        "Referral between Repair Café and reuse centre",
        "Afspraken om niet-herstelde toestellen door te verwijzen naar de kringwinkel.",
        "Agreements to refer unrepaired appliances to the reuse centre.",
        "Repair Cafés, kringwinkels",
    ),
    (
        "detect",
        "medium",
        "Kaart van lokale herstellers",
        "Map of local repairers",
        "Herstellers en herstelinitiatieven in de hub-regio in kaart brengen.",
        "Mapping repairers and repair initiatives in the hub region.",
        "herstellers, inwoners",
    ),
    (
        "detect",
        "medium",
        "Bevraging herstelbehoeften bij inwoners",
        "Survey of residents' repair needs",
        "Nagaan welke toestellen inwoners willen laten herstellen en wat hen tegenhoudt.",
        "Finding out which appliances residents want repaired and what stops them.",
        "inwoners",
    ),
    (
        "detect",
        "high",
        "Analyse afvalstromen elektro",
        "Analysis of electrical waste flows",
        "Met de intercommunale nagaan hoeveel herstelbare toestellen verloren gaan.",
        "With the waste company, estimating how many repairable appliances are lost.",
        "intercommunales, lokale besturen",
    ),
    (
        "preserving_collection",
        "high",
        "Bewarend inzamelen op het recyclagepark",
        "Preserving collection at the recycling park",
        "Een aparte, beschutte zone voor herbruikbare toestellen op het recyclagepark.",
        "A separate, sheltered area for reusable appliances at the recycling park.",
        "intercommunales, kringwinkels",
    ),
    (
        "preserving_collection",
        "medium",
        "Opleiding parkwachters voor triage",
        "Training recycling-park staff in triage",
        "Parkwachters leren herbruikbare toestellen herkennen en veilig opslaan.",
        "Park staff learn to recognise reusable appliances and store them safely.",
        "parkwachters",
    ),
    (
        "preserving_collection",
        "low",
        "Ophaling aan huis van herbruikbare toestellen",
        "Home pickup of reusable appliances",
        "Toestellen bij inwoners ophalen zodat ze intact de kringwinkel bereiken.",
        "Collecting appliances from residents so they reach the reuse centre intact.",
        "inwoners, kringwinkels",
    ),
    (
        "training",
        "high",
        "Opleidingstraject elektroherstel voor doelgroepmedewerkers",
        "Electrical repair training for target-group employees",
        "Een traject met competenties, begeleiding en attesten (BA4/BA5).",
        "A pathway with competencies, coaching and certificates (BA4/BA5).",
        "doelgroepmedewerkers, begeleiders",
    ),
    (
        "training",
        "medium",
        "Uitwisseling tussen herstelateliers",
        "Exchange between repair workshops",
        "Herstellers bezoeken elkaars atelier en delen werkwijzen.",
        "Repairers visit each other's workshops and share methods.",
        "herstellers, begeleiders",
    ),
    (
        "training",
        "medium",
        "Opleiding met een fabrikant",
        "Training with a manufacturer",
        "Een fabrikant leert herstellers zijn toestellen diagnosticeren en herstellen.",
        "A manufacturer teaches repairers to diagnose and repair its appliances.",
        "herstellers, fabrikanten",
    ),
    (
        "repair_services",
        "high",
        "Herstelbalie in de kringwinkel",
        "Repair counter in the reuse centre",
        "Inwoners brengen hun toestel binnen voor een betaalde herstelling.",
        "Residents bring in their appliance for a paid repair.",
        "inwoners, kringwinkels",
    ),
    (
        "repair_services",
        "medium",
        "Herstelvoucher met de gemeente",
        "Repair voucher with the municipality",
        "De gemeente betaalt een deel van de herstelkost terug.",
        "The municipality refunds part of the repair cost.",
        "lokale besturen, inwoners",
    ),
    (
        "repair_services",
        "medium",
        "Onderdelenbank",
        "Spare parts bank",
        "Gerecupereerde onderdelen ordenen en delen met herstellers in de regio.",
        "Sorting harvested parts and sharing them with repairers in the region.",
        "herstellers, kringwinkels",
    ),
]


def seed(apps, schema_editor):
    CatalogueActivity = apps.get_model("needs", "CatalogueActivity")
    for order, (theme, effort, nl, en, dnl, den, groups) in enumerate(ACTIVITIES):
        CatalogueActivity.objects.update_or_create(
            name_nl=nl,
            defaults={
                "theme": theme,
                "effort": effort,
                "name_en": en,
                "description_nl": dnl,
                "description_en": den,
                "target_groups": groups,
                "order": order,
            },
        )


def unseed(apps, schema_editor):
    CatalogueActivity = apps.get_model("needs", "CatalogueActivity")
    CatalogueActivity.objects.filter(name_nl__in=[a[2] for a in ACTIVITIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("needs", "0002_campaigns")]

    operations = [migrations.RunPython(seed, unseed)]
