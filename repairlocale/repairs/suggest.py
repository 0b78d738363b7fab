"""Suggest an ORDS product category from the free text a visitor types.

Flemish visitors name their item in Dutch or English ("koffiezet", "gsm", "föhn",
"hair dryer"). The keyword list is this project's own; its Dutch vocabulary was
checked against the multilingual ORDS item types published by the Open Repair
Alliance (openrepair/tools).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from repairlocale.repairs.models import ProductCategory

# ORDS name → lowercase Dutch and English stems. How a stem matches:
# - by default anywhere inside a word, because Dutch glues words together
#   ("stofzuiger" finds "handstofzuiger", "koffiezet" finds "koffiezetapparaat");
# - a stem of three characters or fewer ("tv", "gsm", "pc") only as a whole word,
#   optionally with a plural "s", so "pc" doesn't fire inside "pcb";
# - a stem written with a leading "^" only at the start of a word ("^hair" finds
#   "haircut" but not "chair").
# Accents and case don't matter: both sides go through normalise().
# Dict order breaks ties, so the catch-all "Misc" comes last.
KEYWORDS: dict[str, list[str]] = {
    "Coffee maker": [
        "koffie", "koffiezet", "koffiemachine", "koffieapparaat", "coffee",
        "espresso", "senseo", "nespresso", "dolce gusto", "tassimo", "percolator",
        "cafetière", "cappuccino",
    ],
    "Hair dryer": [
        "haardroger", "föhn", "foehn", "fön", "hairdryer", "hair dryer",
        "blow dryer", "haarföhn", "sèche-cheveux",
    ],
    "Hair & beauty item": [
        "scheerapparaat", "scheermachine", "scheer", "^shaver", "^razor",
        "ladyshave", "epilator", "epileer", "ontharing", "krultang", "krulset",
        "^krul", "curling", "stijltang", "straightener", "tandenborstel",
        "toothbrush", "tondeuse", "baardtrimmer", "trimmer", "haarborstel",
        "haarknipper", "hair clipper", "massage", "manicure", "pedicure", "nagel",
        "monddouche", "waterflosser", "make-upspiegel",
    ],
    "Iron": [
        "strijk", "strijkijzer", "strijkbout", "stoomstrijk", "strijkstation",
        "stoomgenerator", "strijkpers", "^iron", "steam iron",
    ],
    "Kettle": [
        "waterkoker", "waterketel", "theeketel", "ketel", "kettle",
        "elektrische kan", "heetwater", "theekoker",
    ],
    "Toaster": [
        "broodrooster", "toaster", "toast", "tosti", "croque", "sandwichmaker",
        "sandwich maker", "broodjesrooster",
    ],
    "Food processor": [
        "keukenrobot", "keukenmachine", "food processor", "foodprocessor",
        "blender", "mixer", "staafmixer", "handmixer", "thermomix", "hakmolen",
        "sapcentrifuge", "koffiemolen", "bonenmaler", "coffee grinder", "smoothie",
    ],
    "Small kitchen item": [
        "airfryer", "air fryer", "friteuse", "frituur", "frietketel", "oven",
        "mini-oven", "wafelijzer", "wafel", "waffle", "gourmet", "raclette",
        "fondue", "grill", "barbecue", "bbq", "rijstkoker", "rice cooker",
        "eierkoker", "slowcooker", "slow cooker", "broodbakmachine",
        "broodmachine", "bread maker", "ijsmachine", "melkopschuimer",
        "milk frother", "weegschaal", "kookplaat", "inductie", "warmhoudplaat",
        "blikopener", "elektrisch mes", "soepmaker", "citruspers", "vacumeer",
        "snijmachine", "yoghurt",
    ],
    "Vacuum": [
        "stofzuiger", "^vacuum", "kruimeldief", "kruimelzuiger", "zuiger",
        "robotstofzuiger", "roomba", "hoover", "vloerreiniger", "dustbuster",
    ],
    "Large home electrical": [
        "wasmachine", "washing machine", "wasdroger", "droogkast",
        "droogtrommel", "tumble dryer", "vaatwas", "afwasmachine", "dishwasher",
        "koelkast", "frigo", "fridge", "diepvries", "vriezer", "freezer",
        "microgolf", "magnetron", "microwave", "fornuis", "inbouwoven",
        "dampkap", "afzuigkap", "grasmaaier", "robotmaaier", "lawn mower",
        "lawnmower", "hometrainer", "loopband", "treadmill", "e-bike", "ebike",
        "elektrische fiets", "stoomreiniger", "massagestoel", "broekenpers",
    ],
    "Small home electrical": [
        "verwarming", "kachel", "radiator", "heater", "verwarmingsketel",
        "deurbel", "^doorbell", "elektrische deken", "warmtedeken", "babyfoon",
        "babymonitor", "rookmelder", "koolmonoxidemelder", "thermostaat",
        "luchtpomp", "aquariumpomp", "fietspomp", "antwoordapparaat",
        "nietmachine", "puntenslijper", "lamineer", "personenweegschaal",
        "bloeddrukmeter", "sierhaard", "pluizentondeuse", "vliegenmepper",
        "massagekussen", "elektrische step", "e-step", "insectenverdelger",
    ],
    "Aircon/dehumidifier": [
        "airco", "aircon", "air conditioning", "airconditioner", "ontvochtiger",
        "bevochtiger", "luchtbevochtiger", "luchtreiniger", "luchtzuiveraar",
        "dehumidifier", "humidifier", "air purifier", "ventilatiesysteem",
        "ventilatie", "klimaatregelaar",
    ],
    "Fan": [
        "ventilator", "fan", "plafondventilator", "tafelventilator",
        "torenventilator", "statiefventilator", "desk fan", "ceiling fan", "tower fan",
        "airblower",
    ],
    "Mobile": [
        "gsm", "smartphone", "iphone", "telefoon", "mobieltje", "mobiele telefoon",
        "mobile phone", "cell phone", "cellphone", "phone", "^galaxy",
    ],
    "Tablet": [
        "tablet", "ipad", "e-reader", "ereader", "kindle", "gps", "navigatie",
        "tomtom", "fietscomputer", "kindercomputer", "weerstation",
    ],
    "Laptop": [
        "laptop", "notebook", "macbook", "chromebook", "ultrabook", "netbook",
        "schootcomputer", "draagbare computer",
    ],
    "Desktop computer": [
        "computer", "desktop", "pc", "imac", "mac mini", "all-in-one pc",
        "vaste computer", "computerkast", "^tower",
    ],
    "PC accessory": [
        "muis", "computermuis", "mouse", "toetsenbord", "harde schijf",
        "hard drive", "externe schijf", "hdd", "ssd", "usb-stick", "modem",
        "router", "webcam", "docking", "hub", "microfoon", "microphone",
        "cd-brander", "floppy", "trackpad", "touchpad", "grafische kaart",
        "videokaart",
    ],
    "Printer/scanner": [
        "printer", "scanner", "kopieermachine", "kopieerapparaat", "copier",
        "fotoprinter", "labelprinter", "inkjet", "laserprinter",
    ],
    "Paper shredder": [
        "papierversnipperaar", "papiervernietiger", "documentvernietiger",
        "shredder", "versnipperaar", "paper shredder",
    ],
    "Flat screen": [
        "tv", "tvtoestel", "televisie", "television", "flatscreen",
        "flat screen", "beeldscherm", "computerscherm", "monitor", "plasma",
        "lcd", "oled", "smart tv",
    ],
    "TV and gaming-related accessories": [
        "decoder", "digibox", "settopbox", "set-top box", "afstandsbediening",
        "^remote", "dvd", "blu-ray", "bluray", "videorecorder", "vcr",
        "home cinema", "chromecast", "firestick", "antenne",
        "satellietontvanger", "controller", "joystick",
    ],
    "Games console": [
        "playstation", "ps2", "ps3", "ps4", "ps5", "xbox", "wii", "nintendo",
        "console", "spelcomputer", "schaakcomputer", "sega",
    ],
    "Handheld entertainment device": [
        "mp3", "mp4", "ipod", "walkman", "discman", "dictafoon", "walkie",
        "gameboy", "game boy", "nintendo ds", "psp", "draagbare speler",
    ],
    "Headphones": [
        "koptelefoon", "hoofdtelefoon", "oortje", "oortelefoon", "oordopje",
        "earbud", "earphone", "headphone", "headset", "airpods",
    ],
    "Hi-Fi integrated": [
        "stereo", "keten", "microketen", "miniketen", "muziekinstallatie",
        "hifi-installatie", "stereo-installatie", "boombox", "jukebox",
        "muziekcenter", "karaoke",
    ],
    "Hi-Fi separates": [
        "versterker", "amplifier", "tuner", "receiver", "cd-speler", "cdspeler",
        "cd player", "cassettedeck", "cassettespeler", "platenspeler",
        "draaitafel", "turntable", "pick-up", "speaker", "luidspreker",
        "geluidsbox", "subwoofer", "soundbar", "equalizer", "mengpaneel",
        "bandrecorder",
    ],
    "Portable radio": [
        "radio", "wekkerradio", "dab", "transistorradio", "kofferradio",
        "keukenradio", "internetradio", "wereldontvanger",
    ],
    "Musical instrument": [
        "gitaar", "guitar", "piano", "keyboard", "synthesizer", "orgel",
        "drum", "viool", "violin", "instrument", "ukulele", "accordeon",
        "effectpedaal", "gitaarversterker",
    ],
    "Digital compact camera": [
        "camera", "fototoestel", "fotocamera", "compactcamera",
        "digitale camera", "fotoapparaat",
    ],
    "DSLR/video camera": [
        "spiegelreflex", "reflexcamera", "dslr", "videocamera", "video camera",
        "camcorder", "filmcamera", "actioncam", "gopro", "bewakingscamera",
        "beveiligingscamera", "systeemcamera",
    ],
    "Projector": [
        "projector", "beamer", "diaprojector", "overheadprojector",
        "videoprojector", "filmprojector", "projectietoestel",
    ],
    "Sewing machine": [
        "naaimachine", "naai", "lockmachine", "overlock", "borduurmachine",
        "^sewing", "stikmachine",
    ],
    "Power tool": [
        "boormachine", "boor", "^drill", "schroefmachine", "schroevendraaier",
        "zaag", "saw", "kettingzaag", "cirkelzaag", "decoupeerzaag", "jigsaw",
        "chainsaw", "slijptol", "slijpmachine", "haakse slijper", "^grinder",
        "schuurmachine", "^sander", "grastrimmer", "bosmaaier", "heggenschaar",
        "haagschaar", "hedge trimmer", "bladblazer", "leaf blower",
        "hogedrukreiniger", "pressure washer", "kärcher", "compressor",
        "lijmpistool", "heteluchtpistool", "verfspuit", "dremel", "soldeer",
        "klopboor", "frees", "power tool",
    ],
    "Watch/clock": [
        "horloge", "^watch", "klok", "wekker", "uurwerk", "^clock",
        "smartwatch", "alarm clock", "activiteitstracker", "fitbit", "timer",
        "tijdschakelaar",
    ],
    "Toy": [
        "speelgoed", "^toy", "pop", "knuffel", "teddybeer", "robot", "drone",
        "radiografisch", "rc-auto", "racebaan", "elektrische trein", "treintje",
        "autootje", "hoverboard", "lego", "playmobil", "flipperkast",
        "speeldoos", "muziekdoos", "furby",
    ],
    "Lamp": [
        "lamp", "bureaulamp", "staanlamp", "leeslamp", "schemerlamp",
        "hanglamp", "tafellamp", "plafondlamp", "wandlamp", "verlichting",
        "armatuur", "halogeen", "^light", "spotje",
    ],
    "Decorative or safety lights": [
        "kerst", "kerstverlichting", "lichtslinger", "lichtsnoer", "fietslamp",
        "fietslicht", "fietsverlichting", "zaklamp", "hoofdlamp", "campinglamp",
        "werklamp", "bouwlamp", "nachtlampje", "sfeerverlichting", "luster",
        "kroonluchter", "ledstrip", "led strip", "fairy light", "christmas",
        "^torch", "flashlight", "bike light",
    ],
    "Battery/charger/adapter": [
        "batterij", "^battery", "accu", "oplader", "lader", "charger",
        "adapter", "voeding", "powerbank", "verlengkabel", "verlengsnoer",
        "stekkerdoos", "kabel", "snoer", "stekker", "^cable", "^plug",
        "transformator", "trafo", "ups", "fietsaccu",
    ],
    "Misc": [
        "fiets", "^bike", "bicycle", "kleding", "kleren", "textiel", "^clothes",
        "clothing", "textile", "meubel", "furniture", "paraplu", "umbrella",
        "3d-printer", "rekenmachine", "calculator", "gehoorapparaat",
        "thermometer", "aansteker", "lighter", "e-sigaret",
    ],
}  # fmt: skip

_WHOLE_WORD_MAX = 3
# A stem that ends a word is the head of a Dutch compound ("fietslamp" is a lamp,
# "gsmlader" a charger), so it outweighs an equally long stem inside the word.
_HEAD_BONUS = 2


def normalise(text: str) -> str:
    """Lowercase, strip accents and reduce everything else to single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+", stripped.casefold()))


@dataclass(frozen=True)
class _Keyword:
    ords_name: str
    pattern: re.Pattern[str]
    weight: int


def _compile(ords_name: str, keyword: str) -> _Keyword:
    stem = normalise(keyword)
    body = re.escape(stem)
    if len(stem) <= _WHOLE_WORD_MAX:
        pattern = rf"\b{body}s?\b"
    elif keyword.startswith("^") or " " in stem:
        pattern = rf"\b{body}"
    else:
        pattern = body
    return _Keyword(ords_name, re.compile(pattern), len(stem))


_KEYWORDS = [
    _compile(ords_name, keyword)
    for ords_name, keywords in KEYWORDS.items()
    for keyword in keywords
]
_ORDER = {ords_name: position for position, ords_name in enumerate(KEYWORDS)}


def rank_ords_names(text: str) -> list[str]:
    """ORDS category names that match `text`, the most specific match first."""
    normalised = normalise(text)
    scores: dict[str, int] = {}
    for keyword in _KEYWORDS:
        for match in keyword.pattern.finditer(normalised):
            ends_word = match.end() == len(normalised) or normalised[match.end()] == " "
            score = keyword.weight + (_HEAD_BONUS if ends_word else 0)
            if score > scores.get(keyword.ords_name, 0):
                scores[keyword.ords_name] = score
    return sorted(scores, key=lambda name: (-scores[name], _ORDER[name]))


def suggest_categories(text: str, limit: int = 3) -> list[ProductCategory]:
    """Up to `limit` categories for `text`, best first. One query, none if no match."""
    names = rank_ords_names(text)[: max(limit, 0)]
    if not names:
        return []
    by_name = ProductCategory.objects.in_bulk(names, field_name="ords_name")
    return [by_name[name] for name in names if name in by_name]


def suggest_category(text: str) -> ProductCategory | None:
    """The single best category for `text`, or None when nothing matches."""
    categories = suggest_categories(text, limit=1)
    return categories[0] if categories else None
