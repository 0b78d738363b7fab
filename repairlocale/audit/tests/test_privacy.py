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


def test_the_register_lists_every_history_table_with_personal_data():
    from repairlocale.audit.registry import AUDITED
    from repairlocale.core.privacy import registry

    [audit_app] = [app for app in registry() if app.app_label == "audit"]
    declared = {entry.model: entry for entry in audit_app.entries}
    for audited in AUDITED:
        entry = declared[audited.history_model._meta.label]
        assert "history_user" in entry.fields
        assert entry.retention == "history"
    assert declared["audit.HistoricalTrainee"].fields[:2] == ("first_name", "last_name")
    assert "audit.HistoricalTrainee_coaches" in declared
    assert declared["audit.HistoricalStep"].basis == "legal_obligation"


def test_a_persons_export_lists_the_changes_they_made(personas, audit):
    from repairlocale.core.privacy import person_export

    data = person_export(personas.editor)["audit"]
    made = data["changes_made"]
    assert [line["object_id"] for line in made["step"]] == [audit.step.pk]
    assert made["step"][0]["action"] == "created"
    assert audit.appliance.pk in {line["object_id"] for line in made["appliance"]}
    [membership] = data["membership_history"]
    assert membership["organisation_id"] == personas.rad.pk
    assert "audit" not in person_export(personas.outsider) or (
        "changes_made" not in person_export(personas.outsider)["audit"]
    )


def test_the_cleanup_deletes_versions_past_retention(personas, audit, settings):
    import datetime
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone
    from simple_history.models import HistoricalRecords

    from repairlocale.training.models import Trainee

    coaches = HistoricalRecords.m2m_models[Trainee._meta.get_field("coaches")]
    long_ago = timezone.now() - datetime.timedelta(days=6 * 365)
    audit.trainee.history.update(history_date=long_ago)
    old_versions = audit.trainee.history.count()
    audit.trainee.programme = "Art. 60"
    audit.trainee.save()
    assert coaches.objects.filter(history__history_date__lt=long_ago.replace(year=2100))

    out = StringIO()
    call_command("privacy_cleanup", "--dry-run", stdout=out)
    assert f"audit trail versions: would remove {old_versions}" in out.getvalue()
    assert audit.trainee.history.count() == old_versions + 1

    call_command("privacy_cleanup", stdout=StringIO())
    [kept] = audit.trainee.history.all()
    assert kept.programme == "Art. 60"
    # The copies of the coaches went with their versions, the kept one has its own.
    assert set(coaches.objects.values_list("history_id", flat=True)) == {
        kept.history_id
    }
    assert audit.step.history.exists()  # recent versions stay

    # The retention period comes from the settings.
    from repairlocale.audit.registry import AUDITED

    settings.PRIVACY_HISTORY_DAYS = 0
    everything = sum(a.history_model.objects.count() for a in AUDITED)
    out = StringIO()
    call_command("privacy_cleanup", "--dry-run", stdout=out)
    assert f"audit trail versions: would remove {everything}" in out.getvalue()


def test_the_oldest_kept_version_says_earlier_values_are_not_kept(
    client, personas, audit
):
    from django.utils import translation

    personas.rad.phone = "050 11 22 33"
    personas.rad.save()
    personas.rad.history.exclude(pk=personas.rad.history.first().pk).delete()
    client.force_login(personas.manager)
    response = client.get(
        reverse("audit:object_history", args=["organisation", personas.rad.pk])
    )
    [entry] = [
        e for e in response.context["entries"] if e.audited.key == "organisation"
    ]
    with translation.override("nl"):
        not_kept = translation.gettext("not kept")
    assert {c.old for c in entry.changes} == {not_kept}
    assert not_kept in response.text
