"""The competency framework: seeded, versioned, edited by coordinators only."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from repairlocale.training import selectors
from repairlocale.training.models import Competency, FrameworkVersion, Level
from repairlocale.training.services import (
    competency_save,
    framework_draft_create,
    framework_publish,
)
from repairlocale.training.tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db


def test_the_default_framework_is_seeded_and_published():
    version = FrameworkVersion.objects.current()
    assert version.number == 1
    codes = set(version.competencies.values_list("code", flat=True))
    assert {
        "deenergised_work",
        "arei_awareness",
        "ba4_ba5",
        "multimeter",
        "insulation_earth",
        "safety_tester",
        "fault_finding",
        "schematic",
        "disassembly",
        "soldering",
        "replacing_components",
        "hergebruikfiche",
        "customer_contact",
        "family_coffee",
        "family_vacuum",
        "family_small_kitchen",
        "family_audio_tv",
        "family_it",
        "family_large_household",
    } <= codes
    coffee = version.competencies.get(code="family_coffee")
    for level in Level:
        assert coffee.level_description(level)
    assert coffee.name_nl == "Koffiemachines" and coffee.name_en == "Coffee machines"


def test_a_new_version_never_rewrites_old_assessments(personas, tp, today):
    old = AssessmentFactory(trainee=tp.trainee, level=2)
    draft = framework_draft_create(by=personas.coordinator)
    assert draft.number == 2 and draft.is_draft
    renamed = draft.competencies.get(code="multimeter")
    renamed.name_nl = "Meten met de multimeter (AC en DC)"
    competency_save(competency=renamed)
    framework_publish(
        version=draft, note="Multimeter verduidelijkt", by=personas.coordinator
    )

    old.refresh_from_db()
    assert old.competency.version.number == 1
    assert old.competency.name_nl == "Meten met de multimeter"
    # The profile shows the current version's competencies with the old level.
    row = next(
        r
        for r in selectors.trainee_profile(tp.trainee)
        if r.competency.code == "multimeter"
    )
    assert row.competency.version.number == 2
    assert row.assessment == old


def test_a_published_version_is_frozen(personas):
    competency = FrameworkVersion.objects.current().competencies.first()
    competency.name_nl = "Iets anders"
    with pytest.raises(ValidationError):
        competency_save(competency=competency)
    assert Competency.objects.get(pk=competency.pk).name_nl != "Iets anders"


def test_only_one_draft_at_a_time(personas):
    framework_draft_create(by=personas.coordinator)
    with pytest.raises(ValidationError):
        framework_draft_create(by=personas.coordinator)


def test_a_coordinator_edits_and_publishes_in_the_browser(personas, login):
    client = login(personas.coordinator)
    response = client.post(reverse("training:framework_draft"))
    draft = FrameworkVersion.objects.get(status="draft")
    assert response.url == draft.get_absolute_url()
    competency = draft.competencies.get(code="soldering")
    data = {
        f.name: getattr(competency, f.name)
        for f in Competency._meta.fields
        if f.name.startswith(("level_", "name_"))
    }
    data.update(code="soldering", area="soldering", position=10, appliance_family="")
    data["name_en"] = "Soldering (lead-free)"
    response = client.post(
        reverse("training:competency_edit", args=[competency.pk]), data
    )
    assert response.status_code == 302
    # A duplicate code in the same version: a clear error, nothing saved.
    data["code"] = "multimeter"
    response = client.post(
        reverse("training:competency_edit", args=[competency.pk]), data
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert draft.competencies.filter(code="soldering").exists()
    client.post(
        reverse("training:framework_publish", args=[draft.number]), {"note": "Lood"}
    )
    draft.refresh_from_db()
    assert draft.status == "published"
    assert FrameworkVersion.objects.current() == draft
    assert draft.competencies.get(code="soldering").name_en == "Soldering (lead-free)"
