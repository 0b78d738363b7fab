"""Erasing a trainee also erases their personal data from the audit trail."""

import pytest
from django.apps import apps
from django.urls import reverse

from repairlocale.audit.services import purge_personal_history

pytestmark = pytest.mark.django_db


def _history_text_mentioning(*words):
    """Every historical row (of every audited table) holding one of ``words``."""
    found = []
    for model in apps.get_app_config("audit").get_models():
        for row in model.objects.values():
            text = " ".join(str(v) for v in row.values())
            found += [(model.__name__, w) for w in words if w in text]
    return found


def test_after_erasure_no_historical_row_holds_the_old_name(client, personas, audit):
    audit.trainee.last_name = "Leerling-Peeters"
    audit.trainee.save()
    assert _history_text_mentioning("Leerling", "weerstand van Jonas")

    client.force_login(personas.manager)
    response = client.post(
        reverse("training:erase", args=[audit.trainee.pk]), {"confirm": "yes"}
    )
    assert response.status_code == 302
    audit.trainee.refresh_from_db()
    assert audit.trainee.is_erased
    assert _history_text_mentioning("Leerling", "weerstand van Jonas") == []
    history = audit.trainee.history.all()
    assert all(row.user_id is None for row in history)
    # The trail keeps who erased and when.
    assert history.first().history_user == personas.manager

    # The history page names the trainee by number only.
    response = client.get(
        reverse("audit:object_history", args=["trainee", audit.trainee.pk])
    )
    assert "Leerling" not in response.text


def test_purging_twice_changes_nothing_more(audit):
    assert purge_personal_history(audit.trainee) > 0
    assert purge_personal_history(audit.assessment) == 0
    with pytest.raises(TypeError):
        purge_personal_history(audit.step)


def test_erasing_a_person_blanks_their_address_in_organisation_history(personas):
    from repairlocale.core.privacy import person_erase

    personas.manager.email = "an.peeters@example.be"
    personas.manager.save()
    personas.rad.email = "An.Peeters@example.be"
    personas.rad.save()
    personas.rad.email = "info@rad.example.be"
    personas.rad.save()
    person_erase(personas.manager, by=personas.admin)
    emails = set(personas.rad.history.values_list("email", flat=True))
    assert emails == {"", "info@rad.example.be"}


def test_deleting_a_trainee_leaves_no_name_in_the_history(audit):
    pk = audit.trainee.pk
    audit.trainee.delete()
    assert _history_text_mentioning("Leerling", "weerstand van Jonas") == []
    from repairlocale.training.models import Trainee

    assert Trainee.history.filter(id=pk, history_type="-").exists()
