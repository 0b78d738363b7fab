"""The training demo builds on the network and reuse demos and can run twice."""

import datetime

import pytest

from repairlocale.network.demo import demo_seed
from repairlocale.network.reference import reference_data_load
from repairlocale.reuse.demo import reuse_demo_seed
from repairlocale.training import demo, selectors
from repairlocale.training.models import Trainee

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_trainees_with_evidence_and_is_idempotent():
    today = datetime.date(2026, 3, 20)
    reference_data_load()
    demo_seed(random_passwords=True)
    reuse_demo_seed(today=today, appliances_per_centre=120)
    summary = demo.seed(today=today)
    assert "9 trainees" in summary
    assert Trainee.objects.count() == 9
    jonas = Trainee.objects.get(first_name="Jonas")
    assert jonas.user.username == demo.DEMO_TRAINEE_LOGIN
    assert jonas.assessments.exists()
    assert selectors.trainee_evidence(jonas).repairs > 0
    overview = selectors.training_overview()
    assert overview["repairs"] > 0 and overview["assessed_trainees"] == 9
    demo.seed(today=today)
    assert Trainee.objects.count() == 9
