"""Suggesting an ORDS category from what a visitor types, in Dutch or English."""

import pytest

from repairlocale.repairs.models import ProductCategory
from repairlocale.repairs.suggest import (
    KEYWORDS,
    normalise,
    suggest_categories,
    suggest_category,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "ords_name"),
    [
        # Dutch, as Flemish visitors write it
        ("koffiezet", "Coffee maker"),
        ("koffiezetapparaat", "Coffee maker"),
        ("Senseo", "Coffee maker"),
        ("stofzuiger", "Vacuum"),
        ("handstofzuiger", "Vacuum"),
        ("strijkijzer", "Iron"),
        ("broodrooster", "Toaster"),
        ("gsm", "Mobile"),
        ("haardroger", "Hair dryer"),
        ("föhn", "Hair dryer"),
        ("waterkoker", "Kettle"),
        ("microgolf", "Large home electrical"),
        ("naaimachine", "Sewing machine"),
        ("boormachine", "Power tool"),
        ("accuboormachine", "Power tool"),
        ("lamp", "Lamp"),
        ("bureaulamp", "Lamp"),
        ("fiets", "Misc"),
        ("fietslamp", "Decorative or safety lights"),
        ("gsm-lader", "Battery/charger/adapter"),
        ("wasmachine", "Large home electrical"),
        ("droogkast", "Large home electrical"),
        ("elektrische tandenborstel", "Hair & beauty item"),
        ("koptelefoon", "Headphones"),
        ("wekkerradio", "Portable radio"),
        ("keukenrobot", "Food processor"),
        ("platenspeler", "Hi-Fi separates"),
        ("fototoestel", "Digital compact camera"),
        ("videocamera", "DSLR/video camera"),
        ("beamer", "Projector"),
        ("digibox", "TV and gaming-related accessories"),
        ("speelgoedauto", "Toy"),
        ("horloge", "Watch/clock"),
        ("kerstverlichting", "Decorative or safety lights"),
        ("papierversnipperaar", "Paper shredder"),
        ("ontvochtiger", "Aircon/dehumidifier"),
        ("ventilator", "Fan"),
        ("airfryer", "Small kitchen item"),
        ("wafelijzer", "Small kitchen item"),
        ("elektrische kachel", "Small home electrical"),
        ("gitaar", "Musical instrument"),
        ("computermuis", "PC accessory"),
        # English
        ("laptop", "Laptop"),
        ("smartphone", "Mobile"),
        ("tv", "Flat screen"),
        ("printer", "Printer/scanner"),
        ("coffee maker", "Coffee maker"),
        ("vacuum cleaner", "Vacuum"),
        ("hair dryer", "Hair dryer"),
        ("steam iron", "Iron"),
        ("waffle iron", "Small kitchen item"),
        ("kettle", "Kettle"),
        ("toaster", "Toaster"),
        ("headphones", "Headphones"),
        ("sewing machine", "Sewing machine"),
        ("washing machine", "Large home electrical"),
        ("cordless drill", "Power tool"),
        ("desk lamp", "Lamp"),
        ("games console", "Games console"),
        ("tablet", "Tablet"),
        ("desktop computer", "Desktop computer"),
        ("bike", "Misc"),
    ],
)
def test_it_suggests_the_ords_category(text, ords_name):
    category = suggest_category(text)
    assert category is not None, text
    assert category.ords_name == ords_name


@pytest.mark.parametrize("text", ["", "   ", "blablabla", "xyzzy", "ik weet het niet"])
def test_it_suggests_nothing_for_nonsense(text):
    assert suggest_category(text) is None
    assert suggest_categories(text) == []


@pytest.mark.parametrize("text", ["STOFZUIGER", "StofZuiger", "  stofzuiger!  "])
def test_it_ignores_case_and_punctuation(text):
    assert suggest_category(text).ords_name == "Vacuum"


@pytest.mark.parametrize("text", ["föhn", "FÖHN", "fohn", "Föhn"])
def test_it_ignores_accents(text):
    assert suggest_category(text).ords_name == "Hair dryer"


def test_it_finds_the_item_in_a_longer_sentence():
    category = suggest_category("Mijn Philips koffiezetapparaat lekt water")
    assert category.ords_name == "Coffee maker"


def test_it_does_not_take_the_pronoun_haar_for_hair():
    assert suggest_category("haar gsm").ords_name == "Mobile"


def test_it_prefers_the_longest_match():
    # "radio" is inside "radiator", but a radiator is a heater.
    assert suggest_category("radiator").ords_name == "Small home electrical"


def test_it_ranks_several_categories_best_first():
    names = [c.ords_name for c in suggest_categories("gsm en oplader", limit=3)]
    assert names == ["Battery/charger/adapter", "Mobile"]


def test_it_respects_the_limit():
    assert len(suggest_categories("gsm oplader laptop", limit=2)) == 2
    assert suggest_categories("gsm", limit=0) == []


def test_it_needs_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        suggest_categories("gsm oplader laptop")


def test_it_has_keywords_for_every_ords_category():
    assert set(KEYWORDS) == set(
        ProductCategory.objects.values_list("ords_name", flat=True)
    )
    assert all(KEYWORDS.values())


def test_it_normalises_accents_case_and_punctuation():
    assert normalise("Sèche-Cheveux  & Föhn!") == "seche cheveux fohn"
