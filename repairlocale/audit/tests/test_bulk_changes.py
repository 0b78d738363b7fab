"""Changes written with QuerySet.update() still leave their rows in the trail."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

from repairlocale.audit.services import update_with_history
from repairlocale.network.models import Membership, Organisation
from repairlocale.network.tests.factories import MembershipFactory, OrganisationFactory
from repairlocale.reuse.models import Appliance
from repairlocale.reuse.services import step_record

pytestmark = pytest.mark.django_db


def _safety_test(audit, by):
    return step_record(
        appliance=audit.appliance,
        kind="safety_test",
        performed_by=by,
        data={"passed": True, "instrument": "Metrel Beta"},
    )


def test_a_step_that_changes_the_status_writes_one_appliance_row(personas, audit):
    before = Appliance.objects.get(pk=audit.appliance.pk).status
    with CaptureQueriesContext(connection) as queries:
        step = _safety_test(audit, personas.editor)
    on_history = [
        q["sql"] for q in queries.captured_queries if "historicalappliance" in q["sql"]
    ]
    # One INSERT, and no read of the appliance's history or a second read of it.
    assert len(on_history) == 1
    assert on_history[0].lstrip().upper().startswith("INSERT")
    reads = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().startswith('SELECT "reuse_appliance"."id"')
    ]
    assert len(reads) == 1  # the locked row the step is checked against

    live = Appliance.objects.get(pk=audit.appliance.pk)
    assert live.status != before
    latest = live.history.first()
    assert latest.history_type == "~"
    assert latest.status == live.status
    assert latest.history_user == personas.editor
    assert latest.history_change_reason == f"step:{step.sequence}"
    assert latest.history_date >= step.performed_at


def test_a_step_that_changes_nothing_on_the_appliance_writes_no_row(personas, audit):
    rows = audit.appliance.history.count()
    step_record(
        appliance=audit.appliance,
        kind="cleaning",
        performed_by=personas.editor,
        data={},
    )
    assert audit.appliance.history.count() == rows


def test_the_step_and_its_history_row_are_written_together_or_not(
    personas, audit, monkeypatch
):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("repairlocale.reuse.services.history_write", fail)
    status = Appliance.objects.get(pk=audit.appliance.pk).status
    with pytest.raises(RuntimeError):
        _safety_test(audit, personas.editor)
    assert audit.appliance.steps.count() == 1
    assert Appliance.objects.get(pk=audit.appliance.pk).status == status


def test_the_appliance_history_shows_the_status_change_and_why(client, personas, audit):
    step = _safety_test(audit, personas.editor)
    client.force_login(personas.manager)
    response = client.get(
        reverse("audit:object_history", args=["appliance", audit.appliance.pk])
    )
    [entry] = [
        e
        for e in response.context["entries"]
        if e.audited.key == "appliance" and e.row.history_change_reason
        if e.row.history_change_reason == f"step:{step.sequence}"
    ]
    status = Appliance._meta.get_field("status")
    assert [c.field for c in entry.changes] == [str(status.verbose_name)]
    assert f"#{step.sequence}" in entry.reason
    with translation.override("nl"):
        assert "stap #" in entry.reason
        assert capfirst(entry.reason) in response.text


def _cafe_with_event(personas):
    from repairlocale.repairs.services import repair_entries_add, repair_event_create

    cafe = OrganisationFactory(
        name="Repair Café Brugge", type=Organisation.Type.REPAIR_CAFE
    )
    MembershipFactory(
        user=personas.editor, organisation=cafe, role=Membership.Role.EDITOR
    )
    MembershipFactory(
        user=personas.manager, organisation=cafe, role=Membership.Role.MANAGER
    )
    data = {
        "date": datetime.date(2025, 4, 12),
        "site": None,
        "place": "Parochiezaal",
        "volunteers": None,
        "visitors": None,
        "notes": "",
    }
    event = repair_event_create(organisation=cafe, data=data, by=personas.editor)
    from repairlocale.repairs.models import ProductCategory

    repair_entries_add(
        event=event,
        data={
            "product_category": ProductCategory.objects.get(ords_name="Toaster"),
            "item_type": "Broodrooster",
            "brand": "Philips",
            "model": "",
            "year_of_manufacture": 2015,
            "product_age": None,
            "problem": "Springt niet meer op",
            "repair_status": "Fixed",
            "repair_barrier": "",
            "barrier_detail": "",
            "next_steps": "",
            "spare_parts": "not_needed",
            "repairer": None,
        },
        quantity=2,
        by=personas.editor,
    )
    return cafe, event, data


def test_a_new_event_date_writes_a_row_per_entry(personas):
    from repairlocale.repairs.services import repair_event_update

    _cafe, event, data = _cafe_with_event(personas)
    entries = list(event.records.order_by("pk"))
    repair_event_update(
        event=event,
        data={**data, "date": datetime.date(2026, 1, 10)},
        by=personas.manager,
    )
    for entry in entries:
        latest = entry.history.first()
        assert latest.history_type == "~"
        assert latest.event_date == datetime.date(2026, 1, 10)
        assert latest.product_age == Decimal(11)
        assert latest.history_user == personas.manager
        assert latest.history_change_reason == "event_date"
    # The event itself is audited too.
    assert event.history.first().date == datetime.date(2026, 1, 10)

    # Another edit that keeps the date writes no rows for the entries.
    rows = sum(e.history.count() for e in entries)
    event.refresh_from_db()
    repair_event_update(
        event=event,
        data={**data, "date": event.date, "notes": "Druk"},
        by=personas.manager,
    )
    assert sum(e.history.count() for e in entries) == rows


def test_a_date_changed_by_the_form_is_still_seen(client, personas):
    """The edit form sets the new date on the event before the service runs."""
    _cafe, event, data = _cafe_with_event(personas)
    client.force_login(personas.editor)
    response = client.post(
        reverse("repairs:event_edit", args=[event.pk]),
        {**data, "date": "2025-05-03", "site": "", "volunteers": "", "visitors": ""},
    )
    assert response.status_code == 302, response.context["form"].errors
    for entry in event.records.all():
        assert entry.history.first().event_date == datetime.date(2025, 5, 3)
        assert entry.history.first().history_user == personas.editor


def test_erasing_a_trainee_leaves_a_row_per_assessment_text(personas, audit):
    from repairlocale.training.services import trainee_erase

    trainee_erase(trainee=audit.trainee, by=personas.manager)
    latest = audit.assessment.history.first()
    assert latest.history_change_reason == "erasure"
    assert latest.history_user == personas.manager
    assert latest.evidence == ""
    assert not audit.assessment.history.exclude(evidence="").exists()


def test_erasing_a_person_records_the_contacts_and_invitations_it_changed(personas):
    from repairlocale.core.privacy import person_erase

    personas.manager.email = "an.peeters@example.be"
    personas.manager.save()
    personas.rad.email = "an.peeters@example.be"
    personas.rad.save()
    personas.hub.email = "AN.PEETERS@example.be"
    personas.hub.save()
    invited = Membership.objects.get(user=personas.viewer)
    invited.invited_by = personas.manager
    invited.save()

    person_erase(personas.manager, by=personas.admin)
    for obj in (personas.rad, personas.hub):
        latest = obj.history.first()
        assert latest.email == ""
        assert latest.history_user == personas.admin
        assert latest.history_change_reason == "erasure"
        # The audit trail's own erasure blanked the address in the earlier rows.
        assert set(obj.history.values_list("email", flat=True)) == {""}
    latest = invited.history.first()
    assert latest.invited_by_id is None
    assert latest.history_change_reason == "erasure"


def test_update_with_history_only_updates_what_is_not_audited(personas):
    from repairlocale.network.models import Province

    assert (
        update_with_history(
            Province.objects.all(), by=personas.admin, reason="erasure", name_fr=""
        )
        == Province.objects.count()
    )
    assert (
        update_with_history(
            Organisation.objects.none(), by=None, reason="erasure", email=""
        )
        == 0
    )
