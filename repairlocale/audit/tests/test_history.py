"""What the audit trail records and shows: who, when, what (old → new)."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import escape

from repairlocale.audit.selectors import display_value
from repairlocale.network.models import Organisation

pytestmark = pytest.mark.django_db


def _history_url(kind, pk):
    return reverse("audit:object_history", args=[kind, pk])


def test_editing_an_organisation_records_who_and_what(client, personas):
    client.force_login(personas.manager)
    response = client.post(
        reverse("network:organisation_edit", args=[personas.rad.pk]),
        {
            "name": "Kringwinkel 't Rad",
            "type": "reuse_centre",
            "pilot_region": "brugge",
            "phone": "050 12 34 56",
        },
    )
    assert response.status_code == 302
    latest = personas.rad.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == personas.manager
    assert latest.phone == "050 12 34 56"

    content = client.get(_history_url("organisation", personas.rad.pk)).text
    # Dutch verbose name, old value (empty) → new value, and who.
    assert "Telefoon" in content
    assert "050 12 34 56" in content
    assert personas.manager.get_full_name() in content


def test_the_diff_shows_old_and_new_display_values(client, personas):
    personas.rad.type = Organisation.Type.REUSE_CENTRE
    personas.rad.save()
    client.force_login(personas.coordinator)
    client.post(
        reverse("network:organisation_edit", args=[personas.rad.pk]),
        {
            "name": "Kringwinkel 't Rad Brugge",
            "type": "reuse_centre",
            "pilot_region": "",
            "phone": "",
        },
    )
    response = client.get(_history_url("organisation", personas.rad.pk))
    [change] = [e for e in response.context["entries"] if e.row.history_type == "~"][:1]
    diff = {c.field: (c.old, c.new) for c in change.changes}
    assert diff["naam"] == ("Kringwinkel 't Rad", "Kringwinkel 't Rad Brugge")
    # A choice is shown by its label, an emptied value as a dash.
    assert diff["pilootregio"][0] == "Brugge"
    assert diff["pilootregio"][1] == "—"
    assert escape("Kringwinkel 't Rad Brugge") in response.text


def test_recording_a_step_on_the_fiche_records_the_user(client, personas, audit):
    client.force_login(personas.editor)
    response = client.post(
        reverse("appliance_step_add", args=[audit.appliance.code, "safety_test"]),
        {
            "passed": "true",
            "earth_resistance_ohm": "0.12",
            "insulation_resistance_mohm": "250",
            "leakage_current_ma": "0.05",
            "instrument": "Metrel Beta",
            "duration_minutes": "6",
        },
    )
    assert response.status_code == 302
    step = audit.appliance.steps.get(kind="safety_test")
    [row] = step.history.all()
    assert row.history_type == "+"
    assert row.history_user == personas.editor

    client.force_login(personas.manager)
    response = client.get(_history_url("appliance", audit.appliance.pk))
    content = response.text
    assert "Metrel Beta" in content
    assert "0,120" in content  # Dutch number format
    kinds = [e.audited.key for e in response.context["entries"]]
    assert kinds.count("step") == 2


def test_services_outside_a_request_name_the_person_on_the_row(personas, audit):
    assert audit.step.history.get().history_user == personas.editor
    assert audit.assessment.history.get().history_user == audit.coach


def test_display_values_follow_the_field():
    from repairlocale.reuse.models import Step

    fields = {f.name: f for f in Step._meta.fields}
    assert display_value(fields["passed"], True) == "ja"
    assert display_value(fields["notes"], "") == "—"
    assert display_value(fields["kind"], "safety_test") != "safety_test"
    assert display_value(fields["performed_at"], None) == "—"


def test_a_coordinator_never_sees_trainee_history(client, personas, audit):
    from repairlocale.reuse.services import step_record

    # A workshop step naming the trainee: its history is the centre's, but the
    # coordinator reads the trainee as a number.
    step = step_record(
        appliance=audit.appliance,
        kind="safety_test",
        performed_by=personas.editor,
        data={"passed": True, "trainee": audit.trainee},
    )
    client.force_login(personas.coordinator)
    assert client.get(_history_url("trainee", audit.trainee.pk)).status_code == 404
    assert client.get(_history_url("assessment", audit.assessment.pk)).status_code == (
        404
    )
    for params in ({}, {"kind": "trainee"}, {"kind": "assessment"}):
        response = client.get(reverse("audit:log"), params)
        assert response.status_code == 200
        keys = {e.audited.key for e in response.context["entries"]}
        assert not keys & {"trainee", "assessment"}
        assert "Leerling" not in response.text
    response = client.get(_history_url("step", step.pk))
    assert "Leerling" not in response.text
    assert f"#{audit.trainee.pk}" in response.text

    # The trainee's manager and coach read both, with the name; the manager also
    # reads the step with the name (a coach who is an editor reads no step history).
    for who in (personas.manager, audit.coach):
        client.force_login(who)
        response = client.get(_history_url("trainee", audit.trainee.pk))
        assert "Jonas Leerling" in response.text
    client.force_login(personas.manager)
    assert "Jonas Leerling" in client.get(_history_url("step", step.pk)).text


def test_the_log_shows_a_manager_only_their_organisations(client, personas, audit):
    personas.other.phone = "016 00 00 00"
    personas.other.save()
    client.force_login(personas.manager)
    response = client.get(reverse("audit:log"))
    labels = {e.label for e in response.context["entries"]}
    assert "Kringwinkel Hageland" not in labels
    assert "RAD-000001 Koffiezetapparaat" in labels
    assert "Jonas Leerling" in labels  # a manager of the employer
    client.force_login(personas.viewer)
    assert client.get(reverse("audit:log")).context["entries"] == []


def test_the_log_filters_by_kind_organisation_user_and_period(client, personas, audit):
    with time_machine.travel(datetime.datetime(2026, 1, 10, 12, 0), tick=False):
        personas.other.phone = "016 00 00 00"
        personas.other.save()
    client.force_login(personas.coordinator)
    url = reverse("audit:log")

    def keys(**params):
        response = client.get(url, params)
        assert response.status_code == 200
        return [(e.audited.key, e.row.id) for e in response.context["entries"]]

    assert set(keys(kind="step")) == {("step", audit.step.pk)}
    assert ("organisation", personas.other.pk) not in keys(organisation=personas.rad.pk)
    assert ("step", audit.step.pk) in keys(organisation=personas.rad.pk)
    # The step and the appliance's status it changed (same moment, same person).
    assert set(keys(user="editor")) == {
        ("step", audit.step.pk),
        ("appliance", audit.appliance.pk),
    }
    assert keys(date_from="2026-01-01", date_to="2026-01-31") == [
        ("organisation", personas.other.pk)
    ]
    response = client.get(url, {"date_from": "2026-02-01", "date_to": "2026-01-01"})
    assert response.context["filter"].form.errors["date_to"]
    assert response.context["entries"] == []


def test_the_log_pages_in_a_fixed_number_of_queries(
    client, personas, audit, django_assert_max_num_queries
):
    client.force_login(personas.coordinator)
    url = reverse("audit:log")
    client.get(url)
    # Per history table in scope: one count and one read of its newest rows.
    with django_assert_max_num_queries(45) as few:
        client.get(url)
    for n in range(60):
        personas.rad.phone = f"050 00 00 {n:02d}"
        personas.rad.save()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["entries"]) == 50
    assert response.context["page"].paginator.num_pages == 2
    assert client.get(url, {"page": 2}).status_code == 200


def test_the_audit_link_shows_to_those_who_may_read(rf, personas, audit):
    from django.template import Context, Template

    template = Template("{% load audit %}{% audit_link obj %}")
    for user, shown in [
        (personas.manager, True),
        (personas.coordinator, True),
        (personas.viewer, False),
        (personas.outsider, False),
    ]:
        request = rf.get("/")
        request.user = user
        html = template.render(Context({"request": request, "obj": audit.appliance}))
        assert (_history_url("appliance", audit.appliance.pk) in html) is shown
    request = rf.get("/")
    request.user = personas.coordinator
    html = template.render(Context({"request": request, "obj": audit.trainee}))
    assert html.strip() == ""
