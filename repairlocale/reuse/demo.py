"""Demo history for the hergebruikfiche: two years at the three pilot reuse centres.

``reuse_demo_seed`` fills Kringwinkel 't Rad (Brugge pilot), Kringwinkel ViTeS and
Kringwinkel Hageland (Vlaams-Brabant pilot) with appliances and their steps, so that
the work queues, the fiches and the inflow figures have something to show.

What makes it look like a kringwinkel's electro workshop:

- a category mix of small household appliances first (coffee makers, vacuums,
  kettles, irons, toasters, food processors, hair dryers), then audio, small IT,
  lamps, tools and a few large appliances, with plausible weights, brands and prices;
- collection channels of different quality: preserving collection at the recycling
  park and home pickup are refused at triage 15 to 25 % of the time, the municipal
  bulky-waste collection 60 to 70 %, shop drop-off and Repair Café referrals in
  between; the share of preserving collection grows as the pilot gets going;
- the decree's refusal reasons weighted by channel (and always "contains a CRT" for
  the old tube televisions), safety tests that pass or fail with measured values,
  repairs that work at once, after waiting for a part, or end with an ORDS barrier,
  the re-use criteria check, a price, a sale after 3 to 60 days, weekly Recupel pickups
  and some parts harvesting;
- time: intake Monday to Saturday with a seasonal rhythm, workshop steps on working
  days; whatever would happen after ``today`` has not happened yet, so the last weeks
  are still open in the queues. One appliance per open status is always staged, so
  every queue has content however few appliances are asked for.

Everything is drawn from ``random.Random`` seeded per centre: the same seed and
``today`` give the same history. Rows are built in memory (the status derived with
``lifecycle.derive_state``, exactly as ``services.step_record`` would) and written
with ``bulk_create``; every history is one ``lifecycle.refusal`` accepts step by
step (the tests replay a sample through the real service).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import accumulate
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from repairlocale.network.demo import ORGANISATIONS
from repairlocale.network.models import (
    Membership,
    Organisation,
    PilotRegion,
    PostalCode,
    Site,
)
from repairlocale.repairs.models import (
    ProductCategory,
    RepairBarrier,
    RepairRecord,
    RepairStatus,
)
from repairlocale.reuse import services
from repairlocale.reuse.lifecycle import derive_state
from repairlocale.reuse.models import (
    REUSE_CRITERIA,
    Appliance,
    ApplianceStatus,
    CollectionChannel,
    EEECategory,
    Step,
    StepKind,
)
from repairlocale.reuse.selectors import QUEUES

C = CollectionChannel
E = EEECategory
K = StepKind
S = ApplianceStatus
R = RepairStatus
B = RepairBarrier

HISTORY_DAYS = 730
BATCH_SIZE = 1000

# --- The appliances -----------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """One kind of appliance as it reaches a kringwinkel."""

    ords_name: str
    share: float  # relative frequency at intake
    eee: str
    brands: tuple[str, ...]
    # (device name, kg min, kg max, € min, € max)
    devices: tuple[tuple[str, float, float, float, float], ...]
    max_age: int = 15
    min_age: int = 0
    # (diagnosis, fault type, part used — "" when none)
    faults: tuple[tuple[str, str, str], ...] = ()
    parts: tuple[str, ...] = ("Snoer en stekker", "Schakelaar", "Printplaat")
    wipe: str = ""  # the wiping method when the appliance can hold personal data
    crt: bool = False


# fmt: off
KITCHEN_BRANDS = ("Philips", "Tefal", "Bosch", "Moulinex", "Princess", "Russell Hobbs")
AUDIO_BRANDS = ("Philips", "Sony", "Panasonic", "JVC", "Pioneer", "Grundig")
IT_WIPE = "Blancco Drive Eraser (NIST 800-88)"
PHONE_WIPE = "Fabrieksinstellingen na versleuteling"

PROFILES = (
    Profile(
        "Coffee maker", 12, E.SMALL,
        ("Philips", "Senseo", "Krups", "Bosch", "Melitta", "De'Longhi", "Nespresso"),
        (
            ("Koffiezetapparaat", 1.0, 2.2, 5, 15),
            ("Padkoffiezetapparaat", 1.2, 2.0, 8, 18),
            ("Capsulemachine", 1.8, 4.0, 10, 30),
            ("Espressomachine", 3.0, 9.5, 25, 120),
        ),
        faults=(
            ("Sterk verkalkt; grondig ontkalkt", "Verkalking", ""),
            ("Pomp defect", "Pomp", "Pomp"),
            ("Thermostaat defect", "Verwarming", "Thermostaat"),
            ("Lekt water; dichting vervangen", "Mechanisch", "Dichtingsring"),
            ("Thermische zekering doorgeslagen", "Verwarming", "Thermische zekering"),
        ),
        parts=("Pomp", "Waterreservoir", "Verwarmingselement", "Snoer en stekker"),
    ),
    Profile(
        "Vacuum", 10, E.SMALL,
        ("Philips", "Miele", "Rowenta", "Bosch", "Dyson", "Hoover", "AEG"),
        (
            ("Stofzuiger", 4.5, 8.5, 20, 60),
            ("Steelstofzuiger", 2.0, 3.5, 15, 70),
            ("Kruimeldief", 0.8, 1.5, 5, 15),
        ),
        faults=(
            ("Koolborstels motor versleten", "Motor", "Koolborstels"),
            ("Snoeroprolmechanisme defect", "Mechanisch", "Snoerhaspel"),
            ("Slang verstopt en gescheurd", "Mechanisch", "Zuigslang"),
            ("Accu houdt geen lading", "Accu", "Accupack"),
        ),
        parts=("Motor", "Zuigslang", "Snoerhaspel", "Accu"),
    ),
    Profile(
        "Kettle", 7, E.SMALL, (*KITCHEN_BRANDS, "Inventum"),
        (("Waterkoker", 0.8, 1.6, 4, 12),),
        faults=(
            ("Schakelaar schakelt niet af", "Schakelaar", "Schakelaar"),
            ("Contactplaat in de voet beschadigd", "Elektrisch", "Voet"),
            ("Sterk verkalkt; ontkalkt", "Verkalking", ""),
        ),
    ),
    Profile(
        "Toaster", 5, E.SMALL, KITCHEN_BRANDS,
        (("Broodrooster", 1.0, 2.5, 4, 12), ("Tosti-ijzer", 1.5, 3.0, 5, 15)),
        faults=(
            ("Hendel blijft niet omlaag", "Mechanisch", ""),
            ("Verwarmingsdraad onderbroken", "Verwarming", "Verwarmingselement"),
            ("Timer defect", "Elektronica", "Timer"),
        ),
    ),
    Profile(
        "Iron", 6, E.SMALL, ("Philips", "Tefal", "Calor", "Rowenta", "Braun"),
        (("Stoomstrijkijzer", 1.0, 1.8, 5, 15), ("Stoomgenerator", 3.5, 6.0, 20, 60)),
        faults=(
            ("Stoomgaatjes verkalkt; ontkalkt", "Verkalking", ""),
            ("Snoer beschadigd bij de doorvoer", "Snoer en stekker", "Voedingssnoer"),
            ("Thermostaat defect", "Verwarming", "Thermostaat"),
        ),
    ),
    Profile(
        "Food processor", 5, E.SMALL,
        ("Kenwood", "Moulinex", "Philips", "Bosch", "Braun", "KitchenAid"),
        (
            ("Keukenrobot", 3.0, 8.0, 20, 90),
            ("Blender", 1.5, 3.5, 8, 25),
            ("Staafmixer", 0.6, 1.2, 4, 12),
            ("Handmixer", 0.8, 1.4, 4, 10),
        ),
        faults=(
            ("Koolborstels versleten", "Motor", "Koolborstels"),
            ("Tandwiel aandrijving gebroken", "Mechanisch", "Tandwiel"),
            ("Veiligheidsschakelaar deksel defect", "Schakelaar", "Microschakelaar"),
        ),
        parts=("Motor", "Tandwielen", "Kom en messen"),
    ),
    Profile(
        "Small kitchen item", 6, E.SMALL, (*KITCHEN_BRANDS, "Severin", "Tristar"),
        (
            ("Frietketel", 2.0, 4.0, 8, 20),
            ("Wafelijzer", 1.5, 3.0, 6, 18),
            ("Gourmetstel", 1.5, 3.5, 5, 15),
            ("Microgolfoven", 10.0, 16.0, 15, 45),
            ("Airfryer", 3.5, 6.5, 15, 40),
        ),
        faults=(
            ("Thermostaat defect", "Verwarming", "Thermostaat"),
            ("Deurschakelaar defect", "Schakelaar", "Microschakelaar"),
        ),
    ),
    Profile(
        "Hair dryer", 4, E.SMALL, ("Philips", "Braun", "Remington", "BaByliss"),
        (("Haardroger", 0.4, 0.9, 4, 12),),
        faults=(
            ("Snoer gebroken bij de steker", "Snoer en stekker", "Voedingssnoer"),
            ("Ventilator geblokkeerd door haar", "Mechanisch", ""),
        ),
    ),
    Profile(
        "Hair & beauty item", 3, E.SMALL, ("Philips", "Braun", "Remington", "BaByliss"),
        (
            ("Krultang", 0.2, 0.5, 3, 10),
            ("Stijltang", 0.3, 0.6, 4, 15),
            ("Scheerapparaat", 0.2, 0.5, 5, 25),
            ("Tondeuse", 0.2, 0.5, 4, 15),
        ),
        faults=(("Accu houdt geen lading", "Accu", "Accu"),),
    ),
    Profile(
        "Hi-Fi integrated", 4, E.SMALL, (*AUDIO_BRANDS, "Samsung"),
        (
            ("Microketen", 2.5, 6.0, 10, 35),
            ("Radio-cd-speler", 1.5, 3.5, 8, 25),
            ("Soundbar", 2.0, 5.0, 15, 50),
        ),
        max_age=25,
        faults=(
            ("Cd-lade blokkeert; riempje vervangen", "Mechanisch", "Aandrijfriem"),
            ("Laser leest geen cd's", "Elektronica", "Laserunit"),
        ),
        parts=("Luidsprekers", "Laserunit", "Voeding"),
    ),
    Profile(
        "Hi-Fi separates", 3, E.SMALL,
        ("Technics", "Sony", "Marantz", "Denon", "Yamaha", "Pioneer", "Onkyo"),
        (
            ("Versterker", 4.0, 12.0, 20, 120),
            ("Cd-speler", 3.0, 6.0, 10, 40),
            ("Platenspeler", 3.5, 7.0, 25, 120),
            ("Cassettedeck", 3.5, 6.0, 10, 40),
        ),
        max_age=40,
        faults=(
            ("Krakende potentiometers; gereinigd", "Elektronica", ""),
            ("Aandrijfriem uitgerekt", "Mechanisch", "Aandrijfriem"),
            ("Eindtrap defect", "Elektronica", "Transistoren"),
        ),
        parts=("Knoppen", "Transformator", "Aandrijfriem"),
    ),
    Profile(
        "Portable radio", 3, E.SMALL,
        ("Philips", "Sony", "Grundig", "Roberts", "Sangean"),
        (
            ("Radio", 0.8, 2.5, 5, 20),
            ("Wekkerradio", 0.4, 1.0, 3, 10),
            ("DAB-radio", 0.8, 2.0, 10, 30),
        ),
        max_age=30,
    ),
    Profile(
        "Headphones", 1, E.SMALL, ("Sony", "Sennheiser", "JBL", "Philips"),
        (("Hoofdtelefoon", 0.2, 0.4, 5, 25),),
    ),
    Profile(
        "Laptop", 3, E.SMALL_IT, ("Dell", "HP", "Lenovo", "Acer", "Asus", "Apple"),
        (("Laptop", 1.3, 2.8, 60, 250),),
        max_age=12,
        faults=(
            ("Harde schijf defect; SSD geplaatst", "Opslag", "SSD 256 GB"),
            ("Laadconnector los", "Elektronica", "Laadconnector"),
            ("Toetsenbord defect", "Invoer", "Toetsenbord"),
            ("Accu versleten", "Accu", "Accu"),
        ),
        parts=("RAM-geheugen", "SSD", "Scherm", "Accu", "Voedingsadapter"),
        wipe=IT_WIPE,
    ),
    Profile(
        "Desktop computer", 1, E.SMALL_IT, ("Dell", "HP", "Lenovo", "Acer"),
        (("Desktopcomputer", 5.0, 10.0, 40, 150),),
        max_age=12,
        faults=(("Voeding defect", "Voeding", "ATX-voeding"),),
        parts=("RAM-geheugen", "Harde schijf", "Voeding", "Processor"),
        wipe=IT_WIPE,
    ),
    Profile(
        "PC accessory", 2, E.SMALL_IT, ("Logitech", "Microsoft", "HP", "Trust"),
        (
            ("Toetsenbord", 0.4, 1.0, 2, 8),
            ("Muis", 0.08, 0.2, 1, 5),
            ("Webcam", 0.1, 0.3, 3, 12),
        ),
    ),
    Profile(
        "Printer/scanner", 2, E.SMALL_IT, ("HP", "Canon", "Epson", "Brother"),
        (
            ("Printer", 4.0, 12.0, 10, 45),
            ("Multifunctionele printer", 6.0, 15.0, 15, 60),
            ("Scanner", 2.5, 5.0, 8, 25),
        ),
        max_age=12,
        faults=(("Papierinvoer grijpt niet; rollen vervangen", "Mechanisch",
                 "Invoerrollen"),),
    ),
    Profile(
        "Tablet", 1, E.SMALL_IT, ("Apple", "Samsung", "Lenovo"),
        (("Tablet", 0.3, 0.8, 40, 150),),
        max_age=8,
        parts=("Scherm", "Accu"),
        wipe=PHONE_WIPE,
    ),
    Profile(
        "Mobile", 1, E.SMALL_IT, ("Samsung", "Apple", "Nokia", "Motorola"),
        (("Smartphone", 0.12, 0.25, 20, 120),),
        max_age=8,
        faults=(("Scherm gebarsten", "Scherm", "Scherm"),),
        parts=("Scherm", "Accu", "Camera"),
        wipe=PHONE_WIPE,
    ),
    Profile(
        "Lamp", 5, E.SMALL, ("Philips", "IKEA", "Massive", "Lucide", "Eglo"),
        (
            ("Staanlamp", 2.5, 6.0, 10, 40),
            ("Bureaulamp", 0.8, 2.5, 5, 20),
            ("Hanglamp", 1.0, 4.0, 8, 35),
            ("Tafellamp", 0.8, 3.0, 5, 25),
        ),
        max_age=40,
        faults=(
            ("Fitting defect", "Elektrisch", "Fitting E27"),
            ("Snoerschakelaar defect", "Schakelaar", "Snoerschakelaar"),
        ),
        parts=("Fitting", "Lampenkap", "Voet"),
    ),
    Profile(
        "Decorative or safety lights", 1, E.SMALL, ("Konstsmide", "Lumineo", "IKEA"),
        (("Kerstverlichting", 0.3, 1.5, 3, 10),),
    ),
    Profile(
        "Flat screen", 3, E.SCREENS, ("Samsung", "LG", "Philips", "Sony", "Dell"),
        (("Flatscreen-tv", 6.0, 18.0, 40, 180), ("Computerscherm", 3.0, 6.5, 20, 70)),
        max_age=12,
        faults=(
            ("Achtergrondverlichting defect; ledstrips vervangen", "Scherm",
             "Ledstrips"),
            ("Condensatoren voeding opgezwollen", "Voeding", "Condensatoren"),
        ),
        parts=("Voedingsprint", "Voet", "Afstandsbediening"),
    ),
    Profile(
        # ORDS has no category for tube televisions: they are "Misc" with a weight.
        "Misc", 2, E.SCREENS, ("Philips", "Sony", "Grundig", "Panasonic", "Loewe"),
        (
            ("Beeldbuistelevisie", 15.0, 40.0, 0, 0),
            ("Beeldbuismonitor", 10.0, 18.0, 0, 0),
        ),
        max_age=35,
        min_age=18,
        crt=True,
    ),
    Profile(
        "Fan", 2, E.SMALL, ("Honeywell", "Tristar", "Princess", "Domo"),
        (("Ventilator", 2.0, 5.0, 6, 20), ("Torenventilator", 3.0, 6.0, 10, 25)),
    ),
    Profile(
        "Power tool", 3, E.SMALL,
        ("Bosch", "Black & Decker", "Makita", "Einhell", "Metabo", "Ryobi"),
        (
            ("Boormachine", 1.2, 2.5, 10, 35),
            ("Accuboormachine", 1.0, 2.0, 15, 45),
            ("Decoupeerzaag", 1.8, 3.0, 10, 30),
            ("Schuurmachine", 1.2, 3.0, 8, 25),
        ),
        max_age=25,
        faults=(
            ("Koolborstels versleten", "Motor", "Koolborstels"),
            ("Accu houdt geen lading", "Accu", "Accupack"),
        ),
        parts=("Motor", "Accu", "Boorkop"),
    ),
    Profile(
        "Sewing machine", 2, E.SMALL,
        ("Singer", "Brother", "Pfaff", "Bernina", "Janome"),
        (("Naaimachine", 6.0, 12.0, 25, 90),),
        max_age=45,
        faults=(
            ("Vastgelopen; gereinigd en gesmeerd", "Mechanisch", ""),
            ("Voetpedaal defect", "Elektrisch", "Voetpedaal"),
        ),
    ),
    Profile(
        "Watch/clock", 1, E.SMALL, ("Philips", "Karlsson", "Technoline"),
        (("Wandklok", 0.5, 2.0, 3, 15), ("Wekker", 0.2, 0.5, 2, 8)),
    ),
    Profile(
        "Games console", 1, E.SMALL_IT, ("Sony", "Nintendo", "Microsoft"),
        (("Spelconsole", 2.0, 4.5, 30, 150),),
        max_age=12,
        parts=("Controller", "Harde schijf", "Voeding"),
        wipe=PHONE_WIPE,
    ),
    Profile(
        "Digital compact camera", 1, E.SMALL, ("Canon", "Nikon", "Sony", "Olympus"),
        (("Digitale camera", 0.15, 0.4, 10, 50),),
    ),
    Profile(
        "Small home electrical", 2, E.SMALL,
        ("Philips", "Tristar", "Princess", "Soehnle"),
        (
            ("Elektrische verwarming", 2.0, 6.0, 8, 25),
            ("Personenweegschaal", 1.0, 2.5, 3, 10),
            ("Luchtbevochtiger", 1.5, 3.0, 5, 15),
        ),
    ),
    Profile(
        "Large home electrical", 3, E.LARGE,
        ("Miele", "Bosch", "Siemens", "AEG", "Whirlpool", "Samsung", "Beko"),
        (
            ("Wasmachine", 60.0, 80.0, 80, 250),
            ("Droogkast", 35.0, 50.0, 60, 200),
            ("Vaatwasser", 38.0, 50.0, 60, 180),
            ("Elektrisch fornuis", 40.0, 60.0, 60, 200),
        ),
        max_age=20,
        faults=(
            ("Koolborstels motor versleten", "Motor", "Koolborstels"),
            ("Afvoerpomp verstopt", "Pomp", ""),
            ("Deurvergrendeling defect", "Mechanisch", "Deurvergrendeling"),
            ("Verwarmingselement defect", "Verwarming", "Verwarmingselement"),
        ),
        parts=("Motor", "Pomp", "Deurvergrendeling", "Bedieningsprint"),
    ),
    Profile(
        "Large home electrical", 1, E.TEMPERATURE_EXCHANGE,
        ("Liebherr", "Bosch", "Siemens", "Samsung", "Beko", "Whirlpool"),
        (("Koelkast", 30.0, 60.0, 40, 150), ("Diepvriezer", 35.0, 60.0, 40, 150)),
        max_age=30,
        faults=(("Thermostaat defect", "Koeling", "Thermostaat"),),
        parts=("Thermostaat", "Rekken", "Deurrubber"),
    ),
    Profile(
        "Aircon/dehumidifier", 1, E.TEMPERATURE_EXCHANGE,
        ("De'Longhi", "Trotec", "Qlima"),
        (("Ontvochtiger", 9.0, 15.0, 25, 80), ("Mobiele airco", 22.0, 32.0, 50, 150)),
        max_age=15,
    ),
)
# fmt: on

GENERIC_FAULTS = (
    ("Voedingssnoer beschadigd; vervangen", "Snoer en stekker", "Voedingssnoer"),
    ("Zekering doorgebrand", "Elektrisch", "Zekering"),
    ("Losse verbinding binnenin; opnieuw gesoldeerd", "Elektrisch", ""),
    ("Aan/uit-schakelaar defect", "Schakelaar", "Schakelaar"),
    ("Condensator op de printplaat defect", "Elektronica", "Condensator"),
)
SYMPTOMS = (
    "Start niet",
    "Warmt niet op",
    "Maakt een vreemd geluid",
    "Werkt met tussenpozen",
    "Lekt",
    "Knoppen reageren niet",
    "Valt na enkele minuten uit",
)
TRIAGE_REMARKS = (
    "Lichte krassen op de behuizing",
    "Kalkaanslag",
    "Vuil",
    "Geen handleiding",
)
REJECTION_DEFECTS = {
    "outdated": "Verouderd model, geen vraag in de winkel",
    "rust_damage": "Roest en deuken aan de behuizing",
    "poor_condition": "Sterk vervuild, onderdelen ontbreken",
    "not_economically_repairable": "Herstelling kost meer dan de verkoopwaarde",
    "contains_crt": "Beeldbuis",
}
BARRIERS = {
    B.SPARE_PARTS_NOT_AVAILABLE: 30,
    B.SPARE_PARTS_TOO_EXPENSIVE: 25,
    B.ITEM_TOO_WORN_OUT: 22,
    B.NO_WAY_TO_OPEN: 10,
    B.REPAIR_INFORMATION_NOT_AVAILABLE: 8,
    B.LACK_OF_EQUIPMENT: 5,
}
WEEE_STREAMS = {
    E.TEMPERATURE_EXCHANGE: "Recupel – koel en vries",
    E.SCREENS: "Recupel – beeldschermen",
    E.LAMPS: "Recupel – lampen",
    E.LARGE: "Recupel – groot wit",
    E.SMALL: "Recupel – klein elektro",
    E.SMALL_IT: "Recupel – klein elektro",
}
LARGE_EEE = {E.LARGE, E.TEMPERATURE_EXCHANGE}
MODEL_LETTERS = "ABCDEFGHJKLMNPRSTVWXZ"
SEASON = (1.0, 0.9, 1.1, 1.2, 1.15, 1.0, 0.85, 0.8, 1.05, 1.1, 1.0, 0.9)  # Jan…Dec


# --- The channels and the centres ---------------------------------------------


@dataclass(frozen=True)
class ChannelProfile:
    rejection: float  # refused at triage (CRT sets come on top: always refused)
    safety_pass: float
    functional_fail: float
    large: float  # how often large appliances come this way, relative
    crt: float  # how often tube televisions come this way, relative
    rust: float  # weight of "rust and damage" among the refusal reasons


CHANNELS = {
    C.PRESERVING_COLLECTION: ChannelProfile(0.17, 0.90, 0.20, 0.6, 1.0, 1.0),
    C.HOME_PICKUP: ChannelProfile(0.20, 0.88, 0.22, 3.0, 1.0, 1.0),
    C.SHOP_DROPOFF: ChannelProfile(0.30, 0.86, 0.25, 0.1, 0.3, 0.8),
    C.REPAIR_CAFE_REFERRAL: ChannelProfile(0.38, 0.80, 0.55, 0.2, 0.1, 0.5),
    C.DONATION: ChannelProfile(0.28, 0.90, 0.20, 1.0, 0.5, 0.8),
    C.BULKY_WASTE: ChannelProfile(0.62, 0.72, 0.35, 2.0, 3.0, 2.5),
}


@dataclass(frozen=True)
class CentreProfile:
    channels: dict[str, float]  # channel → share at the start of the two years
    postcodes: tuple[tuple[str, int], ...]  # where the appliances come from
    instrument: str


# fmt: off
CENTRES = {
    "Kringwinkel 't Rad": CentreProfile(
        {
            C.PRESERVING_COLLECTION: 28,
            C.HOME_PICKUP: 20,
            C.SHOP_DROPOFF: 32,
            C.REPAIR_CAFE_REFERRAL: 6,
            C.DONATION: 4,
            C.BULKY_WASTE: 10,
        },
        (
            ("8000", 20), ("8200", 12), ("8310", 8), ("8380", 5), ("8020", 12),
            ("8340", 4), ("8730", 4), ("8210", 5), ("8490", 3), ("8370", 3),
            ("8300", 4), ("8820", 3), ("8377", 1),
        ),
        "Metrel MI 3309 BT",
    ),
    "Kringwinkel ViTeS": CentreProfile(
        {
            C.PRESERVING_COLLECTION: 8,
            C.HOME_PICKUP: 26,
            C.SHOP_DROPOFF: 38,
            C.REPAIR_CAFE_REFERRAL: 4,
            C.DONATION: 6,
            C.BULKY_WASTE: 18,
        },
        (
            ("1800", 30), ("1830", 8), ("1930", 8), ("1850", 10), ("1910", 5),
            ("1820", 5), ("1860", 6), ("1880", 4), ("1980", 6), ("3070", 4),
        ),
        "Fluke 6500-2",
    ),
    "Kringwinkel Hageland": CentreProfile(
        {
            C.PRESERVING_COLLECTION: 18,
            C.HOME_PICKUP: 24,
            C.SHOP_DROPOFF: 34,
            C.REPAIR_CAFE_REFERRAL: 5,
            C.DONATION: 4,
            C.BULKY_WASTE: 15,
        },
        (
            ("3200", 22), ("3300", 20), ("3290", 14), ("3270", 8), ("3130", 5),
            ("3390", 4), ("3110", 5), ("3220", 4), ("3380", 3), ("3400", 6),
            ("3320", 3), ("3460", 3), ("3210", 4),
        ),
        "Gossen Metrawatt Secutest",
    ),
}
# fmt: on
PILOT_CENTRES = [
    name
    for name, type_, pilot, _parent in ORGANISATIONS
    if type_ == Organisation.Type.REUSE_CENTRE and pilot != PilotRegion.NONE
]

# Scheduling rules: workshop steps on working days, sales when the shop is open,
# recycling with the weekly Recupel pickup on Thursday.
WORKDAY, SHOPDAY, PICKUP = "workday", "shopday", "pickup"


def _on_or_after(day: date, rule: str) -> date:
    if rule == PICKUP:
        return day + timedelta((3 - day.weekday()) % 7)
    last = 4 if rule == WORKDAY else 5
    while day.weekday() > last:
        day += timedelta(1)
    return day


def _money(value: float) -> Decimal:
    """A shop price: half euros below 10, whole euros below 50, fives above."""
    if value < 10:
        return Decimal(round(value * 2)) / 2 + Decimal("0.00")
    if value < 50:
        return Decimal(round(value)) + Decimal("0.00")
    return Decimal(round(value / 5) * 5) + Decimal("0.00")


def _dec(value: float, places: int) -> Decimal:
    return Decimal(f"{value:.{places}f}")


# A planned step: (kind, delay in days after the previous step, day rule, fields).
Planned = tuple[str, int, str, dict[str, Any]]
Add = Callable[..., None]


@dataclass
class Draft:
    """An appliance being generated, with what decides its fate."""

    appliance: Appliance
    profile: Profile
    age: int

    @property
    def channel(self) -> ChannelProfile:
        return CHANNELS[self.appliance.channel]


class _Generator:
    """Builds appliances with their steps for one centre, in memory."""

    def __init__(
        self, *, organisation: Organisation, today: date, rng: random.Random
    ) -> None:
        self.organisation = organisation
        self.today = today
        self.rng = rng
        self.tz = timezone.get_current_timezone()
        self.first_day = today - timedelta(HISTORY_DAYS)
        self.centre = CENTRES.get(organisation.name) or next(iter(CENTRES.values()))
        self.categories = ProductCategory.objects.in_bulk(field_name="ords_name")

        # Intake days: Monday to Saturday, seasonal, Saturdays busier, slow growth.
        self.days: list[date] = []
        weights = []
        for n in range(HISTORY_DAYS + 1):
            day = self.first_day + timedelta(n)
            if day.weekday() == 6:
                continue
            self.days.append(day)
            growth = 1 + 0.3 * n / HISTORY_DAYS
            saturday = 1.3 if day.weekday() == 5 else 1.0
            weights.append(SEASON[day.month - 1] * growth * saturday)
        self.day_weights = list(accumulate(weights))

        self.profile_weights = {
            channel: list(
                accumulate(
                    p.share
                    * (cp.large if p.eee in LARGE_EEE else 1.0)
                    * (cp.crt if p.crt else 1.0)
                    for p in PROFILES
                )
            )
            for channel, cp in CHANNELS.items()
        }

        postcodes = self.centre.postcodes
        by_code = dict(
            PostalCode.objects.filter(code__in=[c for c, _w in postcodes]).values_list(
                "code", "municipality_id"
            )
        )
        found = [(by_code[c], w) for c, w in postcodes if c in by_code]
        self.municipalities = [m for m, _w in found]
        self.municipality_weights = list(accumulate(w for _m, w in found))

        kinds: dict[str, list[int | None]] = {}
        for pk, kind in Site.objects.filter(
            organisation=organisation, is_active=True
        ).values_list("pk", "kind"):
            kinds.setdefault(kind, []).append(pk)
        workshop = kinds.get(Site.Kind.WORKSHOP) or kinds.get(Site.Kind.SHOP) or [None]
        self.sites = {
            C.PRESERVING_COLLECTION: kinds.get(Site.Kind.COLLECTION_POINT, workshop),
            C.SHOP_DROPOFF: kinds.get(Site.Kind.SHOP, workshop),
        }
        self.workshop_site = workshop

        self.workshop, self.managers = _staff(organisation)
        self.shop = self.managers + self.workshop

    # -- one appliance ------------------------------------------------------------

    def draft(self, intake: date) -> Draft:
        rng = self.rng
        progress = (intake - self.first_day).days / HISTORY_DAYS
        channels = list(self.centre.channels)
        # The pilots' preserving collection grows over the two years.
        weights = [
            share * ((0.4 + 1.2 * progress) if c == C.PRESERVING_COLLECTION else 1.0)
            for c, share in self.centre.channels.items()
        ]
        channel = rng.choices(channels, weights=weights)[0]
        profile = rng.choices(PROFILES, cum_weights=self.profile_weights[channel])[0]
        name, kg_min, kg_max, _lo, _hi = rng.choice(profile.devices)
        low = profile.min_age
        age = int(rng.triangular(low, profile.max_age, low + 3))
        measured = rng.random() < 0.8
        weight = rng.uniform(kg_min, kg_max) if measured else (kg_min + kg_max) / 2
        # People dropping something off at the shop often don't say where from.
        known = rng.random() < (0.6 if channel == C.SHOP_DROPOFF else 0.95)
        municipality = None
        if known and self.municipalities:
            municipality = rng.choices(
                self.municipalities, cum_weights=self.municipality_weights
            )[0]
        model_number = ""
        if rng.random() < 0.6:
            letters = rng.choice(MODEL_LETTERS) + rng.choice(MODEL_LETTERS)
            model_number = f"{letters}{rng.randint(100, 9999)}"
        appliance = Appliance(
            organisation_id=self.organisation.pk,
            site_id=rng.choice(self.sites.get(channel, self.workshop_site)),
            intake_date=intake,
            channel=channel,
            source_municipality_id=municipality,
            product_category_id=self.categories[profile.ords_name].pk,
            eee_category=profile.eee,
            device_name=name,
            brand=rng.choice(profile.brands),
            model_number=model_number,
            production_year=intake.year - age if rng.random() < 0.65 else None,
            weight_kg=_dec(weight, 2),
            weight_measured=measured,
            registered_by_id=rng.choice(self.shop),
        )
        return Draft(appliance, profile, age)

    def plan(self, draft: Draft) -> list[Planned]:
        """Every step this appliance will go through, from triage to its end."""
        rng = self.rng
        profile, age = draft.profile, draft.age
        plan: list[Planned] = []

        def add(kind: str, delay: int, rule: str = WORKDAY, **fields: Any) -> None:
            plan.append((kind, delay, rule, fields))

        reasons = self._refusal_reasons(draft)
        if reasons:
            defects = "; ".join(REJECTION_DEFECTS[r] for r in reasons)
        else:
            defects = rng.choice(TRIAGE_REMARKS) if rng.random() < 0.3 else ""
        add(
            K.TRIAGE,
            rng.choice((0, 0, 0, 1, 1, 2, 3)),
            passed=not reasons,
            rejection_reasons=reasons,
            defects=defects,
            duration_minutes=rng.randint(2, 6),
        )
        if reasons:
            harvest = 0.25 if profile.eee == E.SMALL_IT else 0.08
            self._dispose(add, profile, harvest=harvest)
            return plan
        if rng.random() < 0.35:
            add(K.CLEANING, rng.randint(0, 2), duration_minutes=rng.randint(5, 30))
        if not self._tests_and_repairs(add, draft):
            self._dispose(add, profile, harvest=0.4)
            return plan
        if profile.wipe:
            add(K.DATA_WIPE, rng.randint(0, 3), passed=True, wipe_method=profile.wipe)

        criteria = dict.fromkeys(REUSE_CRITERIA, True)
        if profile.eee == E.TEMPERATURE_EXCHANGE and age > 25:
            criteria["no_cfc_hcfc"] = False
        elif rng.random() < 0.06:
            failed = ["complete_housing", "essential_parts_good", "regular_market"]
            if profile.eee == E.LARGE and age > 12:
                failed.append("meets_energy_requirements")
            criteria[rng.choice(failed)] = False
        passed = all(criteria.values())
        add(K.CRITERIA_CHECK, rng.randint(0, 3), passed=passed, criteria=criteria)
        if not passed:
            self._dispose(add, profile, harvest=0.3)
            return plan

        lo, hi = next(
            d[3:] for d in profile.devices if d[0] == draft.appliance.device_name
        )
        newness = 1.1 - 0.5 * age / profile.max_age
        price = _money(max(lo, rng.uniform(lo, hi) * newness))
        # Large appliances get a year, the rest by price.
        warranty = 12 if profile.eee in LARGE_EEE else (6 if price >= 20 else 3)
        add(K.PRICING, rng.randint(0, 2), price=price, warranty_months=warranty)
        if rng.random() < 0.04:  # never found a buyer: off the shelf after months
            self._dispose(add, profile, harvest=0.2, delay=rng.randint(75, 120))
            return plan
        days = min(60, 3 + int(rng.expovariate(1 / 12)))
        if days > 21 and rng.random() < 0.5:  # marked down after three weeks
            price = max(Decimal("1.00"), _money(float(price) * rng.uniform(0.7, 0.8)))
        add(K.SALE, days, SHOPDAY, price=price)
        return plan

    def _refusal_reasons(self, draft: Draft) -> list[str]:
        rng, cp = self.rng, draft.channel
        if draft.profile.crt:
            if rng.random() < 0.4:
                return ["contains_crt", "outdated"]
            return ["contains_crt"]
        if rng.random() >= cp.rejection:
            return []
        weights = {
            "outdated": 30 * (2 if draft.age > 12 else 1),
            "rust_damage": 20 * cp.rust,
            "poor_condition": 25 * (1.5 if cp.rust > 1 else 1),
            "not_economically_repairable": 25,
        }
        keys, values = list(weights), list(weights.values())
        reasons = rng.choices(keys, weights=values)
        if rng.random() < 0.2:
            second = rng.choices(keys, weights=values)[0]
            if second not in reasons:
                reasons.append(second)
        return reasons

    def _safety_test(self, passed: bool, class_one: bool) -> dict[str, Any]:
        rng = self.rng
        earth = rng.uniform(0.03, 0.25) if class_one else None
        insulation = rng.uniform(2, 200)
        leakage = rng.uniform(0.01, 0.45)
        if not passed:
            modes = ["insulation", "leakage"] + (["earth"] if class_one else [])
            failure = rng.choice(modes)
            if failure == "earth":
                earth = rng.uniform(0.4, 2.5)
            elif failure == "insulation":
                insulation = rng.uniform(0.05, 0.9)
            else:
                leakage = rng.uniform(0.8, 3.5)
        return {
            "passed": passed,
            "earth_resistance_ohm": None if earth is None else _dec(earth, 3),
            "insulation_resistance_mohm": _dec(insulation, 2),
            "leakage_current_ma": _dec(leakage, 3),
            "instrument": self.centre.instrument,
            "duration_minutes": rng.randint(5, 12),
        }

    def _repair(
        self, profile: Profile, outcome: str, barrier: str = ""
    ) -> dict[str, Any]:
        rng = self.rng
        use_own = profile.faults and rng.random() < 0.7
        diagnosis, fault_type, part = rng.choice(
            profile.faults if use_own else GENERIC_FAULTS
        )
        part_used, cost = "", None
        if outcome == R.REPAIRABLE and part:
            diagnosis = f"{diagnosis}; onderdeel besteld"
        elif outcome == R.FIXED and part:
            part_used, cost = part, _dec(rng.uniform(1.5, 35), 2)
        # Who did the work (a trainee, say) and who supervised, on some repairs.
        repairer = rng.choice(self.workshop) if rng.random() < 0.5 else None
        supervisor = None
        if repairer is not None and rng.random() < 0.5:
            others = [m for m in self.managers if m != repairer]
            supervisor = rng.choice(others) if others else None
        return {
            "diagnosis": diagnosis,
            "fault_type": fault_type,
            "parts_used": part_used,
            "parts_cost": cost,
            "repair_outcome": outcome,
            "barrier": barrier,
            "repairer_id": repairer,
            "supervisor_id": supervisor,
            "duration_minutes": rng.randint(15, 120),
        }

    def _tests_and_repairs(self, add: Add, draft: Draft) -> bool:
        """Safety and functional tests, repairs and retests; False: end of life."""
        rng, profile, cp = self.rng, draft.profile, draft.channel
        class_one = profile.eee in LARGE_EEE or rng.random() < 0.5
        safe = rng.random() < cp.safety_pass
        add(K.SAFETY_TEST, rng.randint(1, 10), **self._safety_test(safe, class_one))
        works = True
        if safe and rng.random() < 0.8:
            works = rng.random() >= cp.functional_fail
            add(
                K.FUNCTIONAL_TEST,
                0,
                passed=works,
                defects="" if works else rng.choice(SYMPTOMS),
                duration_minutes=rng.randint(5, 20),
            )
        if safe and works:
            return True

        end_of_life = 0.25 + (0.15 if draft.age > 12 else 0.0)
        draw = rng.random()
        barrier = rng.choices(list(BARRIERS), weights=list(BARRIERS.values()))[0]
        if draw < end_of_life:
            add(
                K.REPAIR,
                rng.randint(2, 15),
                **self._repair(profile, R.END_OF_LIFE, barrier),
            )
            return False
        if draw < end_of_life + 0.15:  # waits for a part
            add(K.REPAIR, rng.randint(2, 15), **self._repair(profile, R.REPAIRABLE))
            if rng.random() < 0.2:
                barrier = rng.choice(
                    (B.SPARE_PARTS_NOT_AVAILABLE, B.SPARE_PARTS_TOO_EXPENSIVE)
                )
                repair = self._repair(profile, R.END_OF_LIFE, barrier)
                add(K.REPAIR, rng.randint(7, 40), **repair)
                return False
            add(K.REPAIR, rng.randint(7, 40), **self._repair(profile, R.FIXED))
        else:
            add(K.REPAIR, rng.randint(2, 15), **self._repair(profile, R.FIXED))

        # A repaired appliance is tested again before it may be priced.
        safe = rng.random() < 0.95
        add(K.SAFETY_TEST, rng.randint(0, 3), **self._safety_test(safe, class_one))
        if not safe:
            repair = self._repair(profile, R.END_OF_LIFE, B.ITEM_TOO_WORN_OUT)
            add(K.REPAIR, rng.randint(1, 5), **repair)
            return False
        add(K.FUNCTIONAL_TEST, 0, passed=True, duration_minutes=rng.randint(5, 20))
        return True

    def _dispose(
        self, add: Add, profile: Profile, *, harvest: float, delay: int | None = None
    ) -> None:
        rng = self.rng
        if not profile.crt and rng.random() < harvest:
            k = min(len(profile.parts), rng.randint(1, 3))
            add(
                K.PARTS_HARVEST,
                rng.randint(3, 20) if delay is None else delay,
                harvested_parts=", ".join(rng.sample(profile.parts, k=k)),
                duration_minutes=rng.randint(10, 45),
            )
        else:
            add(
                K.RECYCLING,
                1 if delay is None else delay,
                PICKUP,
                weee_stream=WEEE_STREAMS[profile.eee],
            )

    # -- time ---------------------------------------------------------------------

    def schedule(
        self, plan: list[Planned], intake: date, *, fast: bool = False
    ) -> list[Step]:
        """The steps with dates and times up to yesterday: later ones haven't happened.

        ``fast`` caps every wait at one day (for the staged queue appliances).
        """
        rng = self.rng
        steps: list[Step] = []
        day = intake
        clock: datetime | None = None
        for kind, delay, rule, fields in plan:
            day = _on_or_after(day + timedelta(min(delay, 1) if fast else delay), rule)
            if clock is None or day > clock.date():
                opening = datetime.combine(day, time(8, 30), tzinfo=self.tz)
                clock = opening + timedelta(minutes=rng.randint(0, 360))
            else:
                clock += timedelta(minutes=rng.randint(3, 40))
                day = clock.date()
            if day >= self.today:
                break
            if kind == K.SALE:
                fields = {**fields, "sold_on": day}
            staff = self.shop if kind in (K.PRICING, K.SALE) else self.workshop
            steps.append(
                Step(
                    sequence=len(steps) + 1,
                    kind=kind,
                    performed_at=clock,
                    performed_by_id=rng.choice(staff),
                    **fields,
                )
            )
        return steps

    def staged(self, status: str) -> tuple[Appliance, list[Step]]:
        """A recent appliance that now waits in ``status`` (a queue with content)."""
        for _attempt in range(500):
            draft = self.draft(self.today)
            plan = self.plan(draft)
            undated = [
                Step(sequence=n, kind=kind, **fields)
                for n, (kind, _delay, _rule, fields) in enumerate(plan, 1)
            ]
            # The last planned step always closes the fiche: stop before it.
            cut = next(
                (
                    k
                    for k in range(len(plan))
                    if derive_state(undated[:k]).status == status
                ),
                None,
            )
            if cut is not None:
                break
        else:  # pragma: no cover - every open status is reached within a few tries
            raise RuntimeError(f"Could not stage an appliance in {status}.")
        intake = self.today - timedelta(self.rng.randint(0, 3) + 2 * cut)
        while True:
            if intake.weekday() == 6:
                intake -= timedelta(1)
            steps = self.schedule(plan[:cut], intake, fast=True)
            if len(steps) == cut:
                break
            intake -= timedelta(1)
        draft.appliance.intake_date = intake
        return draft.appliance, steps


def _staff(organisation: Organisation) -> tuple[list[int], list[int]]:
    """Ids of the centre's workshop staff and managers (demo members).

    A centre without editors or managers gets one workshop account that cannot log
    in, so that every step has someone who performed it (as the fiche requires).
    """
    members = list(
        Membership.objects.filter(
            organisation=organisation, role__gte=Membership.Role.EDITOR
        ).values_list("user_id", "role")
    )
    managers = [u for u, role in members if role == Membership.Role.MANAGER]
    workshop = [u for u, role in members if role == Membership.Role.EDITOR] or managers
    if not workshop:
        centre = services.reuse_centre_for(organisation)
        username = f"werkplaats-{centre.code_prefix.lower()}"
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@demo.repairlocale.invalid",
                "first_name": "Werkplaats",
                "last_name": organisation.name.removeprefix("Kringwinkel ").strip(),
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(
            user=user,
            organisation=organisation,
            defaults={"role": Membership.Role.EDITOR},
        )
        workshop = [user.pk]
    return workshop, managers


# --- Writes ---------------------------------------------------------------------


def demo_appliances_create(
    *, organisation: Organisation, count: int, today: date, rng: random.Random
) -> tuple[int, int]:
    """Create ``count`` appliances with their steps for one centre; (appliances, steps).

    Intake dates spread over the two years before ``today``; one appliance per open
    status is staged in the last weeks. Codes come from the centre's counter in one
    call; rows are written with ``bulk_create``. Callers wrap it in a transaction
    (the benchmark calls it chunk by chunk to keep memory flat).
    """
    if count <= 0:
        return 0, 0
    generator = _Generator(organisation=organisation, today=today, rng=rng)
    staged = [generator.staged(status) for status in QUEUES[:count]]
    rows: list[tuple[Appliance, list[Step]]] = []
    for intake in rng.choices(
        generator.days, cum_weights=generator.day_weights, k=count - len(staged)
    ):
        draft = generator.draft(intake)
        rows.append(
            (draft.appliance, generator.schedule(generator.plan(draft), intake))
        )
    rows.extend(staged)
    rows.sort(key=lambda row: row[0].intake_date)

    centre = services.reuse_centre_for(organisation)
    codes = services.codes_allocate(centre=centre, count=count)
    for (appliance, steps), code in zip(rows, codes, strict=True):
        appliance.code = code
        for field, value in services.state_fields(derive_state(steps)).items():
            setattr(appliance, field, value)
    Appliance.objects.bulk_create([a for a, _s in rows], batch_size=BATCH_SIZE)
    all_steps = []
    for appliance, steps in rows:
        for step in steps:
            step.appliance_id = appliance.pk
        all_steps.extend(steps)
    Step.objects.bulk_create(all_steps, batch_size=BATCH_SIZE)
    # Every workshop repair is also an ORDS repair record, as step_record makes it.
    RepairRecord.objects.bulk_create(
        [
            services.repair_record_for(appliance, step)
            for appliance, steps in rows
            for step in steps
            if step.kind == StepKind.REPAIR
        ],
        batch_size=BATCH_SIZE,
    )
    return len(rows), len(all_steps)


def demo_reuse_centres() -> list[Organisation]:
    """The pilot reuse centres of the demo network, in the order of network.demo."""
    found = {
        o.name: o
        for o in Organisation.objects.filter(
            name__in=PILOT_CENTRES, type=Organisation.Type.REUSE_CENTRE
        )
    }
    return [found[name] for name in PILOT_CENTRES if name in found]


def reuse_demo_seed(
    *, today: date, appliances_per_centre: int = 1500, seed: int = 2026
) -> dict[str, Any]:
    """Two years of hergebruikfiches at the pilot reuse centres. Safe to run again.

    A centre that already has appliances is left alone: the centres are demo
    organisations, so whatever is there is demo data (generated, or entered by
    someone trying the intake), and a second history would double the figures.
    Each centre draws from its own ``random.Random``, so skipping one does not
    change the others. Returns the counts and the centres seeded and skipped.
    """
    centres = demo_reuse_centres()
    if not centres:
        raise RuntimeError("Load the demo network first: repairlocale.network.demo")
    result: dict[str, Any] = {"appliances": 0, "steps": 0, "seeded": [], "skipped": []}
    for organisation in centres:
        if Appliance.objects.filter(organisation=organisation).exists():
            result["skipped"].append(organisation.name)
            continue
        rng = random.Random(f"{seed}:{organisation.name}")
        with transaction.atomic():
            appliances, steps = demo_appliances_create(
                organisation=organisation,
                count=appliances_per_centre,
                today=today,
                rng=rng,
            )
        result["appliances"] += appliances
        result["steps"] += steps
        result["seeded"].append(organisation.name)
    return result
