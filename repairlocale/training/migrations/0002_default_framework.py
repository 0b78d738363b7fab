"""The default electrical-repair competency framework (version 1, published).

Written for this project. Each competency has an activity phrase in both languages;
the four level descriptions follow one pattern (observed, with help, independently,
can teach) so that coordinators can refine them in a later version.
"""

from django.db import migrations

# (code, area, family, name_nl, name_en, activity_nl, activity_en)
COMPETENCIES = [
    (
        "deenergised_work",
        "safety",
        "",
        "Werken aan spanningsloze toestellen",
        "Working on de-energised appliances",
        "een toestel spanningsloos maken, de stekker weghouden en condensatoren ontladen",
        "make an appliance dead, keep the plug away and discharge capacitors",
    ),
    (
        "arei_awareness",
        "safety",
        "",
        "Kennis van het AREI",
        "AREI awareness",
        "de regels van het AREI toepassen die gelden in de werkplaats",
        "apply the AREI rules that hold in the workshop",
    ),
    (
        "ba4_ba5",
        "safety",
        "",
        "Handelen als gewaarschuwd (BA4) of vakbekwaam (BA5) persoon",
        "Acting as an instructed (BA4) or skilled (BA5) person",
        "binnen de grenzen van het eigen BA4/BA5-attest werken en risico's melden",
        "work within the limits of one's BA4/BA5 attestation and report risks",
    ),
    (
        "multimeter",
        "measuring",
        "",
        "Meten met de multimeter",
        "Measuring with a multimeter",
        "spanning, stroom, weerstand en doorgang meten met de multimeter",
        "measure voltage, current, resistance and continuity with a multimeter",
    ),
    (
        "insulation_earth",
        "measuring",
        "",
        "Isolatie- en aardingsmetingen",
        "Insulation and earth tests",
        "isolatieweerstand en aardingsweerstand meten en de grenswaarden beoordelen",
        "measure insulation and earth resistance and judge the limit values",
    ),
    (
        "safety_tester",
        "measuring",
        "",
        "De veiligheidstester van de werkplaats",
        "The workshop's safety tester",
        "de veiligheidstest met de tester van de werkplaats uitvoeren en registreren",
        "run and record the safety test with the workshop's tester",
    ),
    (
        "fault_finding",
        "diagnosis",
        "",
        "Foutzoeken",
        "Fault finding",
        "systematisch de oorzaak van een defect zoeken",
        "find the cause of a fault systematically",
    ),
    (
        "schematic",
        "diagnosis",
        "",
        "Een schema lezen",
        "Reading a schematic",
        "een elektrisch schema lezen en gebruiken bij het foutzoeken",
        "read an electrical schematic and use it to find faults",
    ),
    (
        "disassembly",
        "disassembly",
        "",
        "Demonteren en monteren",
        "Disassembly and reassembly",
        "een toestel openen, demonteren en weer correct monteren",
        "open, take apart and correctly reassemble an appliance",
    ),
    (
        "soldering",
        "soldering",
        "",
        "Solderen",
        "Soldering",
        "soldeerverbindingen maken en herstellen",
        "make and repair solder joints",
    ),
    (
        "replacing_components",
        "soldering",
        "",
        "Componenten vervangen",
        "Replacing components",
        "defecte componenten (zekering, schakelaar, condensator) vervangen",
        "replace faulty components (fuse, switch, capacitor)",
    ),
    (
        "hergebruikfiche",
        "fiche_customer",
        "",
        "De hergebruikfiche invullen",
        "Completing the hergebruikfiche",
        "elke stap op de hergebruikfiche volledig en juist registreren",
        "record every step on the hergebruikfiche completely and correctly",
    ),
    (
        "customer_contact",
        "fiche_customer",
        "",
        "Klantencontact",
        "Customer contact",
        "een klant uitleggen wat er hersteld is en hoe het toestel veilig te gebruiken",
        "explain to a customer what was repaired and how to use it safely",
    ),
    (
        "family_small_kitchen",
        "families",
        "small_kitchen",
        "Klein keukenmateriaal",
        "Small kitchen appliances",
        "waterkokers, broodroosters en keukenrobots herstellen",
        "repair kettles, toasters and food processors",
    ),
    (
        "family_coffee",
        "families",
        "coffee",
        "Koffiemachines",
        "Coffee machines",
        "koffiemachines herstellen en ontkalken",
        "repair and descale coffee machines",
    ),
    (
        "family_vacuum",
        "families",
        "vacuum",
        "Stofzuigers",
        "Vacuum cleaners",
        "stofzuigers herstellen (motor, snoer, haspel, schakelaar)",
        "repair vacuum cleaners (motor, cord, reel, switch)",
    ),
    (
        "family_audio_tv",
        "families",
        "audio_tv",
        "Audio en tv",
        "Audio and TV",
        "audiotoestellen en flatscreens herstellen",
        "repair audio equipment and flat screens",
    ),
    (
        "family_it",
        "families",
        "it",
        "IT-materiaal",
        "IT equipment",
        "computers en randapparatuur herstellen en gegevens wissen",
        "repair computers and peripherals and wipe data",
    ),
    (
        "family_large_household",
        "families",
        "large_household",
        "Groot huishoudtoestel",
        "Large household appliances",
        "wasmachines, drogers en andere grote toestellen herstellen",
        "repair washing machines, dryers and other large appliances",
    ),
]


def levels(activity_nl: str, activity_en: str) -> dict[str, str]:
    return {
        "level_1_nl": f"Kijkt toe terwijl een ervaren hersteller dit doet: {activity_nl}.",
        "level_1_en": f"Watches an experienced repairer do this: {activity_en}.",
        "level_2_nl": f"Kan met hulp van een begeleider {activity_nl}.",
        "level_2_en": f"Can {activity_en} with help from a supervisor.",
        "level_3_nl": f"Kan zelfstandig en veilig {activity_nl}.",
        "level_3_en": f"Can {activity_en} independently and safely.",
        "level_4_nl": f"Kan collega's leren {activity_nl} en controleert hun werk.",
        "level_4_en": f"Can teach colleagues to {activity_en} and checks their work.",
    }


def load_framework(apps, schema_editor):
    FrameworkVersion = apps.get_model("training", "FrameworkVersion")
    Competency = apps.get_model("training", "Competency")
    if FrameworkVersion.objects.filter(number=1).exists():
        return
    from django.utils import timezone

    version = FrameworkVersion.objects.create(
        number=1,
        status="published",
        published_at=timezone.now(),
        note="Standaardkader elektroherstelling / default electrical-repair framework",
    )
    Competency.objects.bulk_create(
        [
            Competency(
                version=version,
                code=code,
                area=area,
                appliance_family=family,
                position=position,
                name_nl=name_nl,
                name_en=name_en,
                **levels(act_nl, act_en),
            )
            for position, (code, area, family, name_nl, name_en, act_nl, act_en) in (
                enumerate(COMPETENCIES, start=1)
            )
        ]
    )


def unload_framework(apps, schema_editor):
    FrameworkVersion = apps.get_model("training", "FrameworkVersion")
    Competency = apps.get_model("training", "Competency")
    Competency.objects.filter(version__number=1).delete()
    FrameworkVersion.objects.filter(number=1).delete()


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]

    operations = [migrations.RunPython(load_framework, unload_framework)]
