"""The UI is Dutch first and English second, and the Dutch catalogue is complete."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]
CATALOGUE = ROOT / "locale" / "nl" / "LC_MESSAGES"
# Apps added later keep their own catalogue in <app>/locale (see `make messages`).
CATALOGUES = [
    CATALOGUE,
    *sorted(
        p.parent for p in ROOT.glob("repairlocale/*/locale/nl/LC_MESSAGES/django.po")
    ),
]

PAGES = [
    "core:home",
    "network:organisation_list",
    "network:site_list",
    "network:site_create",
    "network:hub_list",
    "network:partnership_list",
    "network:municipality_list",
    "accounts:profile",
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_pages_render_in_dutch_and_in_english(client, personas, name):
    client.force_login(personas.editor)
    url = reverse(name)
    dutch = client.get(url).content.decode()
    assert '<html lang="nl-be">' in dutch
    assert "Mijn profiel" in dutch  # the user menu
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url).content.decode()
    assert '<html lang="en">' in english
    assert "My profile" in english
    assert "Mijn profiel" not in english


@pytest.mark.django_db
def test_the_browser_language_does_not_override_dutch(client):
    response = client.get(
        reverse("accounts:login"), headers={"Accept-Language": "en-GB,en;q=0.9"}
    )
    assert '<html lang="nl-be">' in response.content.decode()


@pytest.mark.django_db
def test_english_dates_put_the_day_first(client, personas):
    client.force_login(personas.editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(
        reverse("network:organisation_detail", args=[personas.rad.pk])
    )
    assert "01/01/2024" in response.content.decode()


@pytest.mark.django_db
def test_the_admin_speaks_dutch(client, personas):
    client.force_login(personas.admin)
    content = client.get(reverse("admin:index")).content.decode()
    assert "Organisaties" in content
    assert "Gemeenten" in content


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: p.parts[-4])
def test_the_dutch_catalogue_is_complete(catalogue):
    po = polib.pofile(str(catalogue / "django.po"))
    assert len(po) > 0
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    for entry in po:
        if entry.msgid_plural:
            assert all(entry.msgstr_plural.values()), entry.msgid


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: p.parts[-4])
def test_the_compiled_catalogue_matches_the_source(catalogue):
    po = polib.pofile(str(catalogue / "django.po"))
    mo = polib.mofile(str(catalogue / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr or e.msgstr_plural) for e in mo}
    for entry in po.translated_entries():
        key = (entry.msgctxt, entry.msgid)
        assert key in compiled, f"run `make messages`: {entry.msgid!r} not compiled"
        expected = entry.msgstr or {int(k): v for k, v in entry.msgstr_plural.items()}
        got = compiled[key]
        if isinstance(got, dict):
            got = {int(k): v for k, v in got.items()}
        assert got == expected, entry.msgid
