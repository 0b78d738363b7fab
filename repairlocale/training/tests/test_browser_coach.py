"""A coach assesses a trainee after a week of repairs, on a tablet (768x1024)."""

import datetime
import importlib
import re

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import Page, expect

from repairlocale.accounts.tests.factories import PASSWORD
from repairlocale.training.models import Assessment, FrameworkVersion
from repairlocale.training.tests.factories import workshop_repair

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 768, "height": 1024}


@pytest.fixture
def framework():
    """The seeded framework (a transactional test's flush removes it)."""
    if not FrameworkVersion.objects.exists():
        importlib.import_module(
            "repairlocale.training.migrations.0002_default_framework"
        ).load_framework(apps, None)


def test_a_coach_assesses_a_trainee_after_a_week_of_repairs(
    page: Page, live_server, personas, framework, tp
):
    now = timezone.now()
    # A week in the workshop: ten coffee machines repaired without supervision,
    # two vacuum cleaners with the coach next to the trainee.
    for n in range(10):
        workshop_repair(
            trainee=tp.trainee,
            by=tp.coach,
            performed_at=now - datetime.timedelta(days=n % 5, hours=1),
            minutes=45 - n,
        )
    for _ in range(2):
        workshop_repair(
            trainee=tp.trainee, by=tp.coach, category="Vacuum", supervisor=tp.coach
        )

    page.set_viewport_size(TABLET)
    page.goto(live_server.url + "/opleiding/")
    page.locator("#id_username").fill("coach")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page).to_have_url(re.compile(r"/opleiding/$"))

    page.locator("#trainee-list").get_by_role("link", name="Jonas Leerling").click()
    expect(page.locator("h1")).to_have_text("Jonas Leerling")
    expect(page.locator("#month-evidence")).to_contain_text("12")

    # The evidence suggests "coffee machines: independently"; the coach confirms.
    suggestion = page.locator("#suggestions li").filter(has_text="Koffiemachines")
    expect(suggestion).to_be_visible()
    suggestion.locator("button[value=confirm]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(
        page.locator("#suggestions li").filter(has_text="Koffiemachines")
    ).to_have_count(0)

    # Then records what they saw this week.
    page.locator("#assess-link").click()
    page.locator("#id_level_multimeter").select_option("2")
    page.locator("#id_level_disassembly").select_option("3")
    page.locator("#id_evidence").fill(
        "Twaalf herstellingen deze week, RAD-codes op de fiches"
    )
    page.locator("#assessment-form button[type=submit]").click()
    expect(page.locator("#profile-table")).to_contain_text("3 · ")
    assert Assessment.objects.filter(trainee=tp.trainee).count() == 3

    # What next: the plan gets a goal for the vacuum cleaners.
    page.locator(".nav-tabs a[href$='/pop/']").click()
    page.locator("#goal-form #id_title").fill("Stofzuigers zelfstandig herstellen")
    page.locator("#goal-form #id_competency_code").select_option("family_vacuum")
    page.locator("#goal-form button").click()
    expect(page.locator(".plan-goal")).to_contain_text("Stofzuigers zelfstandig")

    # Nothing on the page overflows the tablet's width.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= TABLET["width"]
