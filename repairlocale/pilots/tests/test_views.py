"""Coordinators create and edit a pilot with its partners, goals, milestones, links."""

import pytest
from django.urls import reverse

from repairlocale.pilots.models import PilotProject

pytestmark = pytest.mark.django_db


def _management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _data(personas, **extra):
    data = {
        "title": "Opleiding elektroherstel Vlaams-Brabant",
        "pilot_region": "vlaams_brabant",
        "focus": "training",
        "summary": "Doelgroepmedewerkers leren herstellen.",
        "start_date": "2026-01-01",
        "end_date": "2026-12-31",
        **_management("partners", 1),
        "partners-0-organisation": str(personas.other.pk),
        "partners-0-role": "Opleidingsplaats",
        **_management("goals", 1),
        "goals-0-description": "Medewerkers beoordeeld",
        "goals-0-indicator": "trainees_assessed",
        "goals-0-target": "12",
        "goals-0-unit": "medewerkers",
        "goals-0-order": "1",
        **_management("milestones", 1),
        "milestones-0-title": "Eerste opleidingsdag",
        "milestones-0-due_date": "2026-02-01",
        "milestones-0-status": "done",
        **_management("links", 0),
    }
    data.update(extra)
    return data


def test_a_coordinator_creates_a_pilot_with_everything(login, personas):
    client = login(personas.coordinator)
    response = client.post(reverse("pilots:pilot_create"), _data(personas))
    assert response.status_code == 302
    pilot = PilotProject.objects.get()
    assert pilot.partners.get().organisation == personas.other
    assert pilot.goals.get().indicator == "trainees_assessed"
    assert pilot.milestones.get().status == "done"
    page = client.get(pilot.get_absolute_url())
    assert "Eerste opleidingsdag" in page.text
    # The partner's members now read it.
    client.force_login(personas.outsider)
    assert client.get(pilot.get_absolute_url()).status_code == 200


def test_bad_input_keeps_what_was_typed_and_saves_nothing(login, personas):
    client = login(personas.coordinator)
    data = _data(
        personas,
        end_date="2025-01-01",
        **{"goals-0-indicator": "no_such_indicator", "goals-0-target": "veel"},
    )
    response = client.post(reverse("pilots:pilot_create"), data)
    assert response.status_code == 200
    assert not PilotProject.objects.exists()
    assert "Opleiding elektroherstel Vlaams-Brabant" in response.text
    assert "Medewerkers beoordeeld" in response.text
    assert "is-invalid" in response.text
