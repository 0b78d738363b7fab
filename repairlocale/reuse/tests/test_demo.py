"""The demo history of the hergebruikfiche: counts, idempotency, realism, validity."""

import datetime
import random

import pytest
from django.db.models import Count, Q

from repairlocale.accounts.models import User
from repairlocale.network.demo import demo_seed
from repairlocale.network.models import Organisation
from repairlocale.network.reference import reference_data_load
from repairlocale.reuse.demo import PILOT_CENTRES, reuse_demo_seed
from repairlocale.reuse.models import (
    Appliance,
    ApplianceStatus,
    CollectionChannel,
    ReuseCentre,
    Step,
    StepKind,
)
from repairlocale.reuse.selectors import queue_counts
from repairlocale.reuse.services import step_record

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)
PER_CENTRE = 60
# What a replayed step is given: everything but the bookkeeping step_record does.
NOT_REPLAYED = {"id", "appliance", "sequence", "kind", "performed_by", "corrects"}


@pytest.fixture
def network():
    reference_data_load()
    demo_seed(random_passwords=False)


@pytest.fixture
def seeded(network):
    return reuse_demo_seed(today=TODAY, appliances_per_centre=PER_CENTRE)


def _snapshot():
    return list(
        Appliance.objects.order_by("code").values_list(
            "code", "intake_date", "channel", "device_name", "weight_kg", "status"
        )
    )


def test_it_creates_the_asked_number_of_appliances_at_each_pilot_centre(seeded):
    assert seeded["appliances"] == 3 * PER_CENTRE
    assert seeded["seeded"] == PILOT_CENTRES
    assert seeded["skipped"] == []
    assert seeded["steps"] == Step.objects.count() > 3 * PER_CENTRE
    per_centre = dict(
        Appliance.objects.values_list("organisation__name")
        .annotate(n=Count("pk"))
        .order_by()
    )
    assert per_centre == dict.fromkeys(PILOT_CENTRES, PER_CENTRE)
    codes = Appliance.objects.filter(organisation__name="Kringwinkel 't Rad")
    assert codes.order_by("code").first().code == "RAD-000001"


def test_running_it_again_adds_nothing(seeded):
    before = (_snapshot(), Step.objects.count(), User.objects.count())
    again = reuse_demo_seed(today=TODAY, appliances_per_centre=PER_CENTRE)
    assert again["appliances"] == again["steps"] == 0
    assert again["skipped"] == PILOT_CENTRES
    assert (_snapshot(), Step.objects.count(), User.objects.count()) == before


def test_the_same_seed_gives_the_same_history(seeded):
    first = _snapshot()
    Step.objects.all().delete()
    Appliance.objects.all().delete()
    ReuseCentre.objects.update(next_number=1)
    reuse_demo_seed(today=TODAY, appliances_per_centre=PER_CENTRE)
    assert _snapshot() == first


def test_every_status_appears_and_every_queue_has_work(seeded):
    statuses = set(Appliance.objects.values_list("status", flat=True))
    assert statuses == set(ApplianceStatus.values)
    for organisation in Organisation.objects.filter(name__in=PILOT_CENTRES):
        counts = queue_counts(organisation=organisation)
        assert all(counts.values()), (organisation.name, counts)


def test_bulky_waste_is_refused_more_often_than_preserving_collection(seeded):
    triage = Step.objects.filter(kind=StepKind.TRIAGE)
    shares = {}
    for channel in (
        CollectionChannel.BULKY_WASTE,
        CollectionChannel.PRESERVING_COLLECTION,
    ):
        rows = triage.filter(appliance__channel=channel).aggregate(
            n=Count("pk"), refused=Count("pk", filter=Q(passed=False))
        )
        shares[channel] = rows["refused"] / rows["n"]
    assert shares[CollectionChannel.BULKY_WASTE] > 0.45
    assert shares[CollectionChannel.PRESERVING_COLLECTION] < 0.35
    assert (
        shares[CollectionChannel.BULKY_WASTE]
        > shares[CollectionChannel.PRESERVING_COLLECTION]
    )


def test_steps_are_numbered_in_time_and_lie_before_today(seeded):
    appliances = Appliance.objects.prefetch_related("steps")
    for appliance in appliances:
        steps = list(appliance.steps.all())
        assert [s.sequence for s in steps] == list(range(1, len(steps) + 1))
        times = [s.performed_at for s in steps]
        assert times == sorted(times) and len(set(times)) == len(times)
        assert appliance.intake_date <= TODAY
        for step in steps:
            assert appliance.intake_date <= step.performed_at.date() < TODAY
            assert step.performed_by_id is not None
        if appliance.status == ApplianceStatus.SOLD:
            assert steps[-1].sold_on == appliance.closed_on
            assert steps[-1].price == appliance.sale_price


def test_the_workshop_staff_of_the_demo_did_some_of_the_repairs(seeded):
    editor = User.objects.get(username="editor")
    repairs = Step.objects.filter(
        kind=StepKind.REPAIR, appliance__organisation__name="Kringwinkel 't Rad"
    )
    assert repairs.filter(performed_by=editor).exists()
    assert repairs.filter(repairer=editor).exists()


def test_the_histories_replay_through_the_real_service(seeded, network):
    """50 generated fiches, step by step through step_record: same ending."""
    rng = random.Random(3)
    appliances = list(Appliance.objects.order_by("pk"))
    sample = [
        next(a for a in appliances if a.status == status)
        for status in ApplianceStatus.values
    ]
    rest = [a for a in appliances if a not in sample]
    sample += rng.sample(rest, 50 - len(sample))
    fields = [f for f in Step._meta.concrete_fields if f.name not in NOT_REPLAYED]

    for original in sample:
        copy = Appliance.objects.get(pk=original.pk)
        copy.pk = None
        copy.code = f"REPLAY-{original.pk}"
        copy.status = ApplianceStatus.AWAITING_TRIAGE
        copy.closed_on = copy.sale_price = None
        copy.full_clean()  # the generated appliance is a valid one, too
        copy.save()
        for step in original.steps.order_by("sequence"):
            step_record(
                appliance=copy,
                kind=step.kind,
                performed_by=step.performed_by,
                data={f.attname: getattr(step, f.attname) for f in fields},
            )
        copy.refresh_from_db()
        assert (copy.status, copy.closed_on, copy.sale_price) == (
            original.status,
            original.closed_on,
            original.sale_price,
        ), original.code
        assert copy.steps.count() == original.steps.count()
