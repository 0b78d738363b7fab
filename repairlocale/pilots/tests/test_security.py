"""Security review of pilots (docs/security-review.md, H5-3).

Every signed-in person reads a pilot's indicators. Before the fix, a pilot region
with one trainee showed that trainee's assessment and repair success as "the
region's" figures.
"""

import datetime

import pytest

from repairlocale.pilots import indicators
from repairlocale.training.selectors import MIN_GROUP_SIZE
from repairlocale.training.tests.factories import AssessmentFactory, TraineeFactory

pytestmark = pytest.mark.django_db
PERIOD = (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))


def test_a_region_with_one_trainee_gives_only_the_head_count(personas, pilot):
    trainee = TraineeFactory(organisation=personas.rad)
    AssessmentFactory(trainee=trainee, level=1)
    assert indicators.compute("trainees", pilot, PERIOD) == 1
    assert indicators.compute("trainees_assessed", pilot, PERIOD) is None


def test_a_region_with_enough_trainees_keeps_its_indicators(personas, pilot):
    trainees = TraineeFactory.create_batch(MIN_GROUP_SIZE, organisation=personas.rad)
    AssessmentFactory(trainee=trainees[0], level=1)
    assert indicators.compute("trainees", pilot, PERIOD) == MIN_GROUP_SIZE
    assert indicators.compute("trainees_assessed", pilot, PERIOD) == 1
