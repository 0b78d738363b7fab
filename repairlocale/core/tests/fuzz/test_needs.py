"""Campaign links and their answer form: any token, any answer, never a crash."""

import pytest
from django.core import signing
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from repairlocale.core.tests.fuzz.conftest import FUZZ, TYPED, isolated, row_counts
from repairlocale.needs import links

pytestmark = pytest.mark.django_db

TOKENS = st.one_of(
    TYPED.filter(lambda s: "/" not in s and s.strip() not in ("", ".", "..")),
    st.from_regex(r"\A[A-Za-z0-9_:\-]{1,120}\Z"),
    # Validly signed, wrong content: the signature alone must not open a form.
    st.one_of(
        st.integers(),
        st.text(max_size=10),
        st.lists(st.integers(), max_size=3),
        st.dictionaries(
            st.sampled_from(["ch", "n", "x"]),
            st.one_of(st.integers(), st.text(max_size=5)),
            max_size=3,
        ),
    ).map(lambda value: signing.dumps(value, salt=links.SALT)),
)


@pytest.fixture
def campaign(personas):
    from repairlocale.needs.tests.factories import (
        CampaignFactory,
        CampaignHubFactory,
        CatalogueActivityFactory,
    )

    activity = CatalogueActivityFactory(name_nl="Herstelcafé op de markt", order=1)
    campaign = CampaignFactory(name="Behoeftenmapping")
    campaign.activities.set([activity])
    return CampaignHubFactory(campaign=campaign, hub=personas.hub), activity


@FUZZ
@given(token=TOKENS, post=st.booleans())
def test_any_token_gives_a_clear_answer(client, campaign, settings, token, post):
    from urllib.parse import quote

    settings.NEEDS_LINK_FAILURE_LIMIT = 10**6
    url = f"/behoeften/link/{quote(token, safe='')}/"
    with isolated():
        before = row_counts("needs.ActivityAnswer", "needs.CampaignHub")
        response = client.post(url, {}) if post else client.get(url)
        assert response.status_code in (400, 404, 410)
        assert row_counts("needs.ActivityAnswer", "needs.CampaignHub") == before


@FUZZ
@given(
    interest=st.one_of(TYPED, st.sampled_from(["strong", "some", "none", ""])),
    timing=st.one_of(TYPED, st.sampled_from(["now", "later", ""])),
    partners=st.one_of(TYPED, st.text(min_size=490, max_size=700)),
    stage=TYPED,
    submit=st.booleans(),
)
def test_any_answer_is_saved_or_refused_whole(
    client, campaign, settings, interest, timing, partners, stage, submit
):
    settings.NEEDS_LINK_RATE_LIMIT = 10**6
    campaign_hub, activity = campaign
    prefix = f"a{activity.pk}-"
    data = {
        f"{prefix}interest": interest,
        f"{prefix}timing": timing,
        f"{prefix}partners": partners,
        "stage": stage,
    }
    if submit:
        data["submit"] = "1"
    with isolated():
        before = row_counts("needs.ActivityAnswer")
        response = client.post(links.link_path(campaign_hub), data)
        assert response.status_code in (302, 400)
        if response.status_code == 400:
            assert row_counts("needs.ActivityAnswer") == before
        else:
            from repairlocale.needs.models import Interest, Timing

            for answer in campaign_hub.answers.all():  # none when all blank
                assert answer.interest in ("", *Interest.values)
                assert answer.timing in ("", *Timing.values)
                assert len(answer.partners) <= 500


def test_a_tampered_signed_link_is_refused(client, campaign):
    campaign_hub, _activity = campaign
    forged = signing.dumps({"ch": campaign_hub.pk, "n": "guess"}, salt=links.SALT)
    assert client.get(reverse("needs:link_answer", args=[forged])).status_code == 400
