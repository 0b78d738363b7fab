"""Workshop evidence and the suggestions it supports."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from repairlocale.repairs.models import (
    ProductCategory,
    RepairRecord,
    RepairRecordSource,
)
from repairlocale.reuse.forms import RepairForm, SafetyTestForm
from repairlocale.reuse.services import step_record
from repairlocale.training import selectors
from repairlocale.training.models import Assessment, SuggestionDecision
from repairlocale.training.tests.factories import TraineeFactory, workshop_repair

pytestmark = pytest.mark.django_db


def test_evidence_counts_equal_the_repairs_recorded(personas, tp, today):
    workshop_repair(trainee=tp.trainee, by=tp.coach, category="Coffee maker")
    workshop_repair(
        trainee=tp.trainee, by=tp.coach, category="Vacuum", outcome="End of life"
    )
    step = workshop_repair(
        trainee=tp.trainee, by=tp.coach, category="Kettle", minutes=50
    )
    # A correction of a repair step counts once.
    step_record(
        appliance=step.appliance,
        kind="repair",
        performed_by=tp.coach,
        corrects=step,
        data={"repair_outcome": "Fixed", "trainee": tp.trainee, "duration_minutes": 40},
    )
    # A Repair Café entry naming the trainee counts too; someone else's does not.
    RepairRecord.objects.create(
        source=RepairRecordSource.REPAIR_CAFE,
        data_provider="repairlocale",
        external_id="rc-1",
        product_category=ProductCategory.objects.get(ords_name="Toaster"),
        repair_status="Fixed",
        event_date=today,
        trainee=tp.trainee,
    )
    workshop_repair(trainee=tp.other_trainee, by=personas.outsider)

    evidence = selectors.trainee_evidence(tp.trainee)
    assert evidence.repairs == RepairRecord.objects.filter(trainee=tp.trainee).count()
    assert evidence.repairs == 4
    assert evidence.fixed == 3
    assert evidence.safety_tests == 3
    families = {f.family: (f.repairs, f.fixed) for f in evidence.families}
    assert families == {"coffee": (1, 1), "vacuum": (1, 0), "small_kitchen": (2, 2)}
    assert evidence.success_percent == 75
    # Time per repair: the effective steps of this month (30, 30, 40 minutes).
    assert evidence.minutes_by_month == [(datetime.date(2026, 3, 1), 33.3, 3)]


def test_the_evidence_page_shows_the_counts(personas, tp, today, login):
    workshop_repair(trainee=tp.trainee, by=tp.coach)
    response = login(tp.trainee_user).get(
        reverse("training:evidence", args=[tp.trainee.pk])
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Koffiemachines" in body or "Coffee machines" in body
    assert 'id="families"' in body and 'role="img"' in body


def _coffee_suggestions(trainee):
    return [
        s
        for s in selectors.suggestions_for(trainee)
        if s.competency.code == "family_coffee"
    ]


def test_suggestions_appear_at_the_threshold_and_not_before(personas, tp, today):
    for _ in range(2):
        workshop_repair(trainee=tp.trainee, by=tp.coach, supervisor=tp.coach)
    assert _coffee_suggestions(tp.trainee) == []
    workshop_repair(trainee=tp.trainee, by=tp.coach, supervisor=tp.coach)
    (with_help,) = _coffee_suggestions(tp.trainee)
    assert with_help.level == 2 and with_help.count == 3
    for _ in range(9):
        workshop_repair(trainee=tp.trainee, by=tp.coach)
    (with_help,) = _coffee_suggestions(tp.trainee)
    assert with_help.level == 2  # nine without help: not yet "independently"
    workshop_repair(trainee=tp.trainee, by=tp.coach)
    (independent,) = _coffee_suggestions(tp.trainee)
    assert independent.level == 3 and independent.count == 10


def test_a_coach_confirms_or_rejects_a_suggestion(personas, tp, today, login):
    for _ in range(3):
        workshop_repair(trainee=tp.trainee, by=tp.coach, category="Vacuum")
    for _ in range(10):
        workshop_repair(trainee=tp.trainee, by=tp.coach)
    client = login(tp.coach)
    page = client.get(reverse("training:trainee_detail", args=[tp.trainee.pk]))
    assert 'id="suggestions"' in page.content.decode()
    coffee, vacuum = (
        next(s for s in selectors.suggestions_for(tp.trainee) if s.competency.code == c)
        for c in ("family_coffee", "family_vacuum")
    )
    url = reverse("training:suggestion_decide", args=[tp.trainee.pk])
    client.post(
        url, {"competency": coffee.competency.pk, "level": 3, "decision": "confirm"}
    )
    client.post(
        url, {"competency": vacuum.competency.pk, "level": 2, "decision": "reject"}
    )
    assessment = Assessment.objects.get()
    assert assessment.level == 3 and assessment.from_suggestion
    assert assessment.competency.code == "family_coffee"
    assert SuggestionDecision.objects.count() == 2
    left = {s.competency.code for s in selectors.suggestions_for(tp.trainee)}
    assert left == {"safety_tester"}  # 13 safety tests: a separate proposal


def test_a_suggestion_below_the_threshold_cannot_be_confirmed(
    personas, tp, today, login
):
    for _ in range(9):
        workshop_repair(trainee=tp.trainee, by=tp.coach)
    competency = selectors.current_framework().competencies.get(code="family_coffee")
    response = login(tp.coach).post(
        reverse("training:suggestion_decide", args=[tp.trainee.pk]),
        {"competency": competency.pk, "level": 3, "decision": "confirm"},
        follow=True,
    )
    (message,) = response.context["messages"]
    assert message.level_tag == "error"
    assert not Assessment.objects.exists()
    assert not SuggestionDecision.objects.exists()


def test_safety_tests_suggest_the_safety_tester(personas, tp, today):
    for _ in range(3):
        workshop_repair(trainee=tp.trainee, by=tp.coach, outcome="Repairable")
    codes = {s.competency.code: s.level for s in selectors.suggestions_for(tp.trainee)}
    assert codes == {"safety_tester": 2}


def test_the_workshop_forms_offer_only_the_centres_own_trainees(personas, tp):
    moved_on = TraineeFactory(
        organisation=personas.rad,
        status="moved_on",
        outflow_kind="regular_job",
        outflow_date=datetime.date(2026, 3, 1),
    )
    for form_class in (RepairForm, SafetyTestForm):
        form = form_class(organisation=personas.rad)
        offered = set(form.fields["trainee"].queryset)
        assert offered == {tp.trainee}
        assert moved_on not in offered


def test_the_repair_record_of_a_step_names_the_trainee(personas, tp, today):
    step = workshop_repair(trainee=tp.trainee, by=tp.coach)
    assert step.repair_record.trainee == tp.trainee
    assert step.repair_record.event_date == timezone.localdate()


def test_a_repair_cafe_entry_names_a_trainee_and_counts(personas, tp, today):
    from repairlocale.network.models import Membership, Organisation
    from repairlocale.network.tests.factories import (
        MembershipFactory,
        OrganisationFactory,
    )
    from repairlocale.repairs.forms import RepairEntryForm
    from repairlocale.repairs.models import RepairEvent
    from repairlocale.repairs.services import repair_entries_add
    from repairlocale.training.services import trainee_save

    cafe = OrganisationFactory(
        name="Repair Café Brugge", type=Organisation.Type.REPAIR_CAFE
    )
    MembershipFactory(user=tp.coach, organisation=cafe, role=Membership.Role.EDITOR)
    event = RepairEvent.objects.create(organisation=cafe, date=today)
    form = RepairEntryForm(event=event)
    assert not form.show_trainee  # a café without trainees: no field shown
    cafe_trainee = trainee_save(
        organisation=cafe,
        data={"first_name": "Mats", "programme": "IBO", "start_date": today},
        coaches=[tp.coach],
    )
    form = RepairEntryForm(
        {
            "item_type": "broodrooster",
            "product_category": ProductCategory.objects.get(ords_name="Toaster").pk,
            "repair_status": "Fixed",
            "trainee": cafe_trainee.pk,
            "quantity": 2,
        },
        event=event,
    )
    assert form.show_trainee
    assert set(form.fields["trainee"].queryset) == {cafe_trainee}
    assert form.is_valid(), form.errors
    repair_entries_add(event=event, data=form.entry_data(), quantity=2, by=tp.coach)
    assert selectors.trainee_evidence(cafe_trainee).repairs == 2
    # Another organisation's trainee is not a valid choice.
    form = RepairEntryForm(
        {
            "item_type": "lamp",
            "product_category": ProductCategory.objects.get(ords_name="Lamp").pk,
            "repair_status": "Fixed",
            "trainee": tp.trainee.pk,
            "quantity": 1,
        },
        event=event,
    )
    assert form.has_error("trainee")
