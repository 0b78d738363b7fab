"""The personal-data register, and export and erasure of one person everywhere."""

import datetime
import json
from pathlib import Path

import pytest
from django.urls import reverse

from repairlocale.core import privacy

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]


def test_docs_privacy_md_matches_the_declarations():
    assert (ROOT / "docs" / "privacy.md").read_text() == privacy.register_markdown(), (
        "run: manage.py privacy_register --markdown > docs/privacy.md"
    )


def test_every_model_with_a_link_to_a_person_is_in_the_register():
    """A new foreign key to the user model must be declared (or listed here)."""
    from django.apps import apps
    from django.conf import settings

    declared = {
        (entry.model_class, name)
        for app in privacy.registry()
        for entry in app.entries
        for name in entry.fields
    }
    # Links to a person that are no personal data of that person, or that are
    # covered by another entry.
    exempt = {
        "training.FrameworkVersion",  # who published a framework version
        "training.SuggestionDecision",  # coach's decision on a suggestion
        "training.PlanGoal",
        "training.ReviewMeeting",
        "network.Membership",
    }
    missing = []
    for model in apps.get_models():
        if (
            not model.__module__.startswith("repairlocale.")
            or model._meta.label in exempt
        ):
            continue
        for field in model._meta.get_fields():
            if (
                getattr(field, "remote_field", None)
                and field.concrete
                and field.related_model is not None
                and field.related_model._meta.label == settings.AUTH_USER_MODEL
                and (model, field.name) not in declared
            ):
                missing.append(f"{model._meta.label}.{field.name}")
    assert missing == [], missing


def test_the_register_page_in_dutch_and_english(client, personas, settings):
    client.force_login(personas.coordinator)
    url = reverse("core:privacy_register")
    dutch = client.get(url).text
    assert "Register van persoonsgegevens" in dutch
    assert "Gerechtvaardigd belang" in dutch
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url).text
    assert "Personal-data register" in english
    assert "Legitimate interest" in english


def _person_with_records(personas):
    """The viewer of 't Rad with a repair, a trainee file, a case and a token."""
    from repairlocale.api.models import ApiToken
    from repairlocale.cases.models import Case
    from repairlocale.network.models import Membership, Organisation
    from repairlocale.network.tests.factories import (
        MembershipFactory,
        OrganisationFactory,
    )
    from repairlocale.repairs.models import ProductCategory
    from repairlocale.repairs.services import repair_entries_add, repair_event_create
    from repairlocale.training.tests.factories import TraineeFactory

    person = personas.viewer
    person.first_name, person.last_name = "Lotte", "Peeters"
    person.save()
    cafe = OrganisationFactory(
        name="Repair Café Brugge", type=Organisation.Type.REPAIR_CAFE
    )
    MembershipFactory(user=person, organisation=cafe, role=Membership.Role.EDITOR)
    event = repair_event_create(
        organisation=cafe,
        data={"date": datetime.date(2026, 3, 14), "place": "Buurthuis"},
        by=person,
    )
    repair_entries_add(
        event=event,
        data={
            "product_category": ProductCategory.objects.get(ords_name="Toaster"),
            "item_type": "Broodrooster",
            "repair_status": "Fixed",
            "repairer": person,
        },
        by=person,
    )
    trainee = TraineeFactory(organisation=personas.rad, user=person, first_name="Lotte")
    case = Case.objects.create(
        hub=personas.hub,
        title="Repair Café in de bib",
        theme=Case._meta.get_field("theme").choices[0][0],
        summary_nl="Kort",
        contact_name="Lotte Peeters",
        contact_email=person.email,
        created_by=person,
    )
    ApiToken.objects.create(
        user=person, name="printer", key_hash="x" * 64, prefix="rl_x"
    )
    return person, trainee, case


def test_a_person_exports_their_own_data_from_the_profile(client, personas):
    person, _trainee, _case = _person_with_records(personas)
    client.force_login(person)
    assert reverse("accounts:my_data") in client.get(reverse("accounts:profile")).text
    response = client.get(reverse("accounts:my_data"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["accounts"]["account"]["email"] == person.email
    organisations = {m["organisation"] for m in data["network"]["memberships"]}
    assert organisations == {"Kringwinkel 't Rad", "Repair Café Brugge"}
    assert len(data["repairs"]["repairs_as_repairer"]) == 1
    assert data["training"]["trainee"]["trainee"]["first_name"] == "Lotte"
    assert data["cases"]["cases_written"] == ["Repair Café in de bib"]
    assert data["api"]["api_tokens"][0]["name"] == "printer"


def test_erasure_anonymises_everywhere_and_keeps_the_counts(client, personas):
    from axes.models import AccessLog

    from repairlocale.api.models import ApiToken
    from repairlocale.repairs.models import RepairRecord

    person, trainee, case = _person_with_records(personas)
    AccessLog.objects.create(username="viewer", ip_address="10.0.0.1", user_agent="x")
    repairs_before = RepairRecord.objects.count()
    client.force_login(personas.coordinator)
    url = reverse("core:privacy_person_erase", args=[person.pk])
    # A wrong confirmation changes nothing.
    response = client.post(url, {"confirm": "someone"})
    assert response.status_code == 400
    assert "niet de gebruikersnaam" in response.text
    person.refresh_from_db()
    assert not person.is_erased

    assert client.post(url, {"confirm": "viewer"}).status_code == 302
    person.refresh_from_db()
    assert person.is_erased and not person.is_active
    assert (person.first_name, person.last_name) == ("", "")
    assert person.username == f"erased-{person.pk}"
    assert not person.has_usable_password()
    assert not person.memberships.exists()
    assert not ApiToken.objects.filter(user=person).exists()
    assert not AccessLog.objects.filter(username="viewer").exists()
    trainee.refresh_from_db()
    assert trainee.is_erased and trainee.user is None
    case.refresh_from_db()
    assert (case.contact_name, case.contact_email) == ("", "")
    assert case.created_by == person  # authorship stays, anonymised
    assert RepairRecord.objects.count() == repairs_before
    assert RepairRecord.objects.filter(repairer=person).count() == 1
    # Erasing twice is refused.
    assert client.post(url, {"confirm": person.username}).status_code == 400


def test_the_person_page_shows_a_summary_and_the_export(client, personas):
    person, _trainee, _case = _person_with_records(personas)
    client.force_login(personas.coordinator)
    search = client.get(reverse("core:privacy_people"), {"q": "Peeters"}).text
    assert reverse("core:privacy_person", args=[person.pk]) in search
    page = client.get(reverse("core:privacy_person", args=[person.pk])).text
    assert "repairs_as_repairer" in page
    export = client.get(reverse("core:privacy_person_export", args=[person.pk]))
    assert json.loads(export.content)["account_id"] == person.pk
