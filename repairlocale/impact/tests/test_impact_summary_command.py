"""``manage.py impact_summary``: the same figures as the selectors, as text or JSON."""

import datetime
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from repairlocale.impact.selectors import impact_summary
from repairlocale.impact.tests.factories import RepairRecordFactory
from repairlocale.repairs.models import ProductCategory
from repairlocale.reuse.models import ApplianceStatus
from repairlocale.reuse.tests.factories import ApplianceFactory

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("impact_summary", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def records(personas):
    RepairRecordFactory(category="Laptop", event_date=datetime.date(2024, 3, 1))
    RepairRecordFactory(category="Coffee maker", event_date=datetime.date(2024, 9, 1))
    RepairRecordFactory(
        category="Toaster",
        repair_status="End of life",
        event_date=datetime.date(2024, 9, 1),
    )
    RepairRecordFactory(
        category="Mobile",
        repair_status="Repairable",
        data_provider="The Restart Project",
        source="imported",
        event_date=datetime.date(2022, 1, 1),
    )
    RepairRecordFactory(
        category="Vacuum", repair_status="Unknown", event_date=datetime.date(2024, 1, 1)
    )
    ApplianceFactory(
        organisation=personas.rad,
        product_category=ProductCategory.objects.get(ords_name="Laptop"),
        weight_kg=Decimal("2.10"),
        status=ApplianceStatus.SOLD,
        closed_on=datetime.date(2024, 5, 1),
    )


def _lines(output):
    return {
        line.strip().rsplit(None, 1)[0]: line.split()[-1]
        for line in output.splitlines()
        if line.startswith("  ")
    }


def test_it_prints_the_figures_and_the_methodology_version(records):
    output = run()
    assert "Methodology: Restart Project 2021 LCA 2021.1 (restart-2021-lca:2021.1)" in (
        output
    )
    repairs, reuse = output.split("Re-use (appliances sold by reuse centres)")
    assert _lines(repairs) == {
        "records": "5",
        "fixed": "2",
        "repairable": "1",
        "end of life": "1",
        "unknown": "1",
        "waste_kg": "3.11",  # 1.83 + 1.28
        "co2e_kg": "141.41",  # 0.5 x (265.32 + 17.50)
    }
    assert _lines(reuse) == {
        "appliances": "1",
        "waste_kg": "2.10",
        "co2e_kg": "132.66",
    }


def test_it_prints_json(records):
    data = json.loads(run("--json", "--since", "2024-01-01", "--until", "2024-06-30"))
    assert data["methodology"] == {
        "name": "Restart Project 2021 LCA",
        "slug": "restart-2021-lca",
        "version": "2021.1",
    }
    assert data["filters"] == {
        "provider": None,
        "since": "2024-01-01",
        "until": "2024-06-30",
    }
    assert data["repairs"] == {
        "records": 2,
        "fixed": 1,
        "repairable": 0,
        "end_of_life": 0,
        "unknown": 1,
        "waste_kg": "1.83",
        "co2e_kg": "132.66",
    }
    assert data["reuse"] == {"appliances": 1, "waste_kg": "2.10", "co2e_kg": "132.66"}


def test_it_agrees_with_the_selector(records):
    data = json.loads(run("--json"))
    summary = impact_summary()
    assert Decimal(data["repairs"]["co2e_kg"]) == summary.co2e_kg
    assert Decimal(data["repairs"]["waste_kg"]) == summary.waste_kg
    assert data["repairs"]["records"] == summary.records


def test_it_uses_the_methodology_asked_for(records):
    data = json.loads(run("--json", "--methodology", "anstiftung-displacement:2023.1"))
    assert data["methodology"]["version"] == "2023.1"
    assert data["repairs"]["co2e_kg"] == "84.85"  # 0.3 x 282.82 = 84.846
    assert data["reuse"]["co2e_kg"] == "79.60"  # 0.3 x 265.32 = 79.596
    output = run("--methodology", "anstiftung-displacement")
    assert "anstiftung displacement 0.3 2023.1" in output


def test_a_provider_limits_the_repairs_and_leaves_out_reuse(records):
    data = json.loads(run("--json", "--provider", "The Restart Project"))
    assert data["repairs"]["records"] == 1
    assert data["repairs"]["repairable"] == 1
    assert data["reuse"] is None
    assert "Re-use" not in run("--provider", "The Restart Project")
    # Our own provider's figures include the reuse centres'.
    assert json.loads(run("--json", "--provider", "Repair Locale"))["reuse"]


def test_it_refuses_an_unknown_methodology():
    with pytest.raises(CommandError, match=r"restart-2021-lca:2021\.1"):
        run("--methodology", "nope")


def test_it_refuses_a_period_that_ends_before_it_starts():
    with pytest.raises(CommandError, match="--since"):
        run("--since", "2024-02-01", "--until", "2024-01-01")


def test_it_refuses_a_date_that_is_not_a_date():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--since", "1/2/2024")
