"""The life of an appliance: every ending, every forbidden transition, corrections."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation

from repairlocale.reuse.models import REUSE_CRITERIA, Appliance, ApplianceStatus, Step

S = ApplianceStatus
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The refusals are matched in English here; the Dutch ones are tested via views."""
    with translation.override("en"):
        yield


ALL_CRITERIA = dict.fromkeys(REUSE_CRITERIA, True)


def _status(appliance):
    appliance.refresh_from_db()
    return appliance.status


def _to_sale(record, appliance):
    record(appliance, "triage", rejection_reasons=[])
    record(appliance, "safety_test", passed=True, earth_resistance_ohm=Decimal("0.12"))
    record(appliance, "criteria_check", criteria=ALL_CRITERIA)
    record(appliance, "pricing", price=Decimal("25.00"), warranty_months=6)


def test_a_good_appliance_goes_from_triage_to_sold(record, appliance):
    assert _status(appliance) == S.AWAITING_TRIAGE
    record(appliance, "triage", rejection_reasons=[])
    assert _status(appliance) == S.AWAITING_SAFETY_TEST
    record(appliance, "safety_test", passed=True)
    assert _status(appliance) == S.AWAITING_CRITERIA
    record(appliance, "criteria_check", criteria=ALL_CRITERIA)
    assert _status(appliance) == S.READY_FOR_PRICING
    record(appliance, "pricing", price=Decimal("25.00"), warranty_months=6)
    assert _status(appliance) == S.FOR_SALE
    record(
        appliance, "sale", sold_on=datetime.date(2026, 3, 20), price=Decimal("22.50")
    )
    appliance.refresh_from_db()
    assert appliance.status == S.SOLD
    assert appliance.closed_on == datetime.date(2026, 3, 20)
    assert appliance.sale_price == Decimal("22.50")
    assert list(appliance.steps.values_list("sequence", flat=True)) == [1, 2, 3, 4, 5]


def test_a_rejected_appliance_is_recycled(record, appliance):
    step = record(appliance, "triage", rejection_reasons=["contains_crt", "outdated"])
    assert step.passed is False
    assert _status(appliance) == S.TO_RECYCLE
    record(appliance, "recycling", weee_stream="Recupel – beeldbuizen")
    assert _status(appliance) == S.RECYCLED


def test_a_failed_repair_ends_in_parts_harvesting(record, appliance):
    record(appliance, "triage", rejection_reasons=[])
    record(
        appliance,
        "safety_test",
        passed=False,
        insulation_resistance_mohm=Decimal("0.2"),
    )
    assert _status(appliance) == S.AWAITING_REPAIR
    record(
        appliance,
        "repair",
        repair_outcome="End of life",
        barrier="Spare parts not available",
        diagnosis="Verwarmingselement defect",
    )
    assert _status(appliance) == S.TO_RECYCLE
    record(appliance, "parts_harvest", harvested_parts="Pomp, waterreservoir")
    assert _status(appliance) == S.HARVESTED


def test_a_repaired_appliance_needs_a_new_safety_test(record, appliance):
    record(appliance, "triage", rejection_reasons=[])
    record(appliance, "safety_test", passed=True)
    record(appliance, "functional_test", passed=False, defects="Pomp blokkeert")
    assert _status(appliance) == S.AWAITING_REPAIR
    record(appliance, "repair", repair_outcome="Repairable")
    assert _status(appliance) == S.AWAITING_REPAIR
    record(appliance, "repair", repair_outcome="Fixed", parts_cost=Decimal("8.40"))
    assert _status(appliance) == S.AWAITING_SAFETY_TEST
    with pytest.raises(ValidationError, match="safety test"):
        record(appliance, "pricing", price=Decimal("20"), warranty_months=3)
    record(appliance, "safety_test", passed=True)
    record(appliance, "criteria_check", criteria=ALL_CRITERIA)
    assert _status(appliance) == S.READY_FOR_PRICING


def test_nothing_but_triage_comes_first(record, appliance):
    with pytest.raises(ValidationError, match="triage first"):
        record(appliance, "safety_test", passed=True)
    assert not appliance.steps.exists()


@pytest.mark.parametrize("kind", ["pricing", "sale"])
def test_no_pricing_or_sale_without_a_passed_safety_test(record, appliance, kind):
    record(appliance, "triage", rejection_reasons=[])
    record(appliance, "criteria_check", criteria=ALL_CRITERIA)
    with pytest.raises(ValidationError, match="safety test"):
        record(
            appliance,
            kind,
            price=Decimal("10"),
            warranty_months=3,
            sold_on=datetime.date(2026, 3, 5),
        )
    assert appliance.steps.count() == 2


def test_no_pricing_without_a_passed_criteria_check(record, appliance):
    record(appliance, "triage", rejection_reasons=[])
    record(appliance, "safety_test", passed=True)
    criteria = {**ALL_CRITERIA, "no_cfc_hcfc": False}
    step = record(appliance, "criteria_check", criteria=criteria)
    assert step.passed is False
    assert step.failed_criteria == ["No CFC or HCFC"]
    with pytest.raises(ValidationError, match="criteria"):
        record(appliance, "pricing", price=Decimal("10"), warranty_months=3)


def test_a_rejected_appliance_cannot_be_sold(record, appliance):
    record(appliance, "triage", rejection_reasons=["poor_condition"])
    for kind in ("pricing", "sale"):
        with pytest.raises(ValidationError, match="cannot be priced or sold"):
            record(
                appliance, kind, price=Decimal("5"), sold_on=datetime.date(2026, 3, 5)
            )


def test_a_sale_needs_a_price_first_and_a_date_after_intake(record, appliance):
    record(appliance, "triage", rejection_reasons=[])
    record(appliance, "safety_test", passed=True)
    record(appliance, "criteria_check", criteria=ALL_CRITERIA)
    with pytest.raises(ValidationError, match="Price the appliance"):
        record(appliance, "sale", sold_on=datetime.date(2026, 3, 5), price=Decimal("5"))
    record(appliance, "pricing", price=Decimal("25.00"), warranty_months=6)
    with pytest.raises(ValidationError, match="before the intake date"):
        record(appliance, "sale", sold_on=datetime.date(2026, 1, 5), price=Decimal("5"))


def test_a_closed_appliance_takes_no_more_steps(record, appliance):
    _to_sale(record, appliance)
    record(appliance, "sale", sold_on=datetime.date(2026, 3, 20), price=Decimal("20"))
    with pytest.raises(ValidationError, match="closed"):
        record(appliance, "cleaning")


def test_a_correction_is_a_new_step_and_the_original_stays(record, appliance):
    wrong = record(appliance, "triage", rejection_reasons=["outdated"])
    assert _status(appliance) == S.TO_RECYCLE
    fix = record(
        appliance, "triage", rejection_reasons=[], corrects=wrong, notes="Typo"
    )
    assert _status(appliance) == S.AWAITING_SAFETY_TEST
    assert Step.objects.filter(pk=wrong.pk).exists()
    assert list(appliance.steps.effective()) == [fix]
    with pytest.raises(ValidationError, match="already been corrected"):
        record(appliance, "triage", rejection_reasons=[], corrects=wrong)
    with pytest.raises(ValidationError, match="same kind"):
        record(appliance, "cleaning", corrects=fix)


def test_a_correction_can_reopen_a_sale(record, appliance):
    _to_sale(record, appliance)
    sale = record(
        appliance, "sale", sold_on=datetime.date(2026, 3, 20), price=Decimal("20")
    )
    record(
        appliance,
        "sale",
        sold_on=datetime.date(2026, 3, 21),
        price=Decimal("18"),
        corrects=sale,
    )
    appliance.refresh_from_db()
    assert appliance.sale_price == Decimal("18")
    assert appliance.closed_on == datetime.date(2026, 3, 21)


def test_impossible_values_save_nothing(record, appliance):
    record(appliance, "triage", rejection_reasons=[])
    with pytest.raises(ValidationError):
        record(
            appliance, "safety_test", passed=True, earth_resistance_ohm=Decimal("-1")
        )
    assert appliance.steps.count() == 1
    assert _status(appliance) == S.AWAITING_SAFETY_TEST


@pytest.mark.django_db(transaction=True)
def test_two_people_recording_at_once_both_keep_their_step(personas, centre, record):
    """Threads on a real database: the row lock orders them, nothing is lost."""
    from repairlocale.reuse.tests.factories import ApplianceFactory

    appliance = ApplianceFactory(organisation=personas.rad, code="RAD-000777")
    record(appliance, "triage", rejection_reasons=[])
    errors = []
    barrier = threading.Barrier(4)

    def work(n):
        try:
            barrier.wait()
            record(Appliance.objects.get(pk=appliance.pk), "cleaning", notes=f"run {n}")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    sequences = list(
        appliance.steps.order_by("sequence").values_list("sequence", flat=True)
    )
    assert sequences == [1, 2, 3, 4, 5]
    assert _status(appliance) == S.AWAITING_SAFETY_TEST


def test_each_workshop_repair_is_also_an_ords_repair_record(record, appliance):
    from repairlocale.repairs.models import RepairRecord

    appliance.production_year = 2019
    appliance.save()
    record(appliance, "triage", rejection_reasons=[])
    record(appliance, "safety_test", passed=False)
    first = record(
        appliance,
        "repair",
        repair_outcome="End of life",
        barrier="Spare parts too expensive",
        fault_type="Pomp",
        diagnosis="Pomp lekt",
    )
    rec = RepairRecord.objects.get(workshop_step=first)
    assert rec.external_id == "repairlocale_RAD-000001_3"
    assert rec.source == "workshop"
    assert rec.product_category.ords_name == "Coffee maker"
    assert rec.repair_status == "End of life"
    assert rec.repair_barrier == "Spare parts too expensive"
    assert rec.problem == "Pomp — Pomp lekt"
    assert rec.product_age == rec.event_date.year - 2019
    assert rec.organisation == appliance.organisation
    # A correction replaces the record: the repair is counted once.
    fix = record(appliance, "repair", repair_outcome="Fixed", corrects=first)
    assert list(RepairRecord.objects.values_list("workshop_step", flat=True)) == [
        fix.pk
    ]
    assert RepairRecord.objects.get().repair_status == "Fixed"


def test_a_failed_repair_can_end_in_recycling(record, appliance):
    record(appliance, "triage", rejection_reasons=[])
    record(appliance, "functional_test", passed=False, defects="Motor draait niet")
    record(
        appliance,
        "repair",
        repair_outcome="End of life",
        barrier="Item too worn out",
    )
    with pytest.raises(ValidationError, match="recycling"):
        record(appliance, "safety_test", passed=True)
    record(appliance, "recycling", weee_stream="Recupel – klein huishoudelijk")
    assert _status(appliance) == S.RECYCLED


def test_the_appliance_row_keeps_the_facts_of_its_latest_steps(record, appliance):
    wrong = record(appliance, "triage", rejection_reasons=["outdated", "rust_damage"])
    appliance.refresh_from_db()
    assert appliance.triage_result is False
    assert appliance.rejection_keys == '["outdated", "rust_damage"]'
    record(appliance, "triage", rejection_reasons=[], corrects=wrong)
    record(appliance, "safety_test", passed=False)
    record(appliance, "repair", repair_outcome="Repairable")
    appliance.refresh_from_db()
    assert (appliance.triage_result, appliance.rejection_keys) == (True, "")
    assert appliance.last_repair_outcome == "Repairable"
