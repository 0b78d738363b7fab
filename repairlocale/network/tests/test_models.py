"""Database constraints and model validation of the registry."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from repairlocale.network.models import Organisation, Partnership, Site
from repairlocale.network.tests.factories import (
    HubFactory,
    OrganisationFactory,
    PartnershipFactory,
    SiteFactory,
)
from repairlocale.network.validators import normalise_enterprise_number

pytestmark = pytest.mark.django_db


def test_organisation_names_are_unique_per_type_ignoring_case():
    OrganisationFactory(name="Kringwinkel 't Rad", type=Organisation.Type.REUSE_CENTRE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(
            name="KRINGWINKEL 'T RAD", type=Organisation.Type.REUSE_CENTRE
        )
    # The same name with another type is a different organisation.
    Organisation.objects.create(name="Kringwinkel 't Rad", type=Organisation.Type.HUB)


def test_full_clean_reports_a_duplicate_name_clearly():
    OrganisationFactory(name="Repair Café Gent", type=Organisation.Type.REPAIR_CAFE)
    duplicate = Organisation(
        name="repair café gent", type=Organisation.Type.REPAIR_CAFE
    )
    with pytest.raises(ValidationError) as exc:
        duplicate.full_clean()
    assert "Er bestaat al een organisatie met deze naam en dit type." in str(exc.value)


def test_the_database_rejects_an_unknown_organisation_type():
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(name="X", type="bakery")


def test_an_organisation_cannot_be_its_own_ancestor():
    parent = OrganisationFactory()
    child = OrganisationFactory(parent=parent)
    parent.parent = child
    with pytest.raises(ValidationError) as exc:
        parent.full_clean()
    assert "parent" in exc.value.message_dict


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0123.456.749", "0123.456.749"),
        ("BE 0123 456 749", "0123.456.749"),
        ("123456749", "0123.456.749"),
    ],
)
def test_enterprise_numbers_are_normalised(typed, stored):
    assert normalise_enterprise_number(typed) == stored


@pytest.mark.parametrize("typed", ["0123.456.748", "12345", "2123456749", ""])
def test_wrong_enterprise_numbers_are_rejected(typed):
    with pytest.raises(ValidationError):
        normalise_enterprise_number(typed)


def test_site_coordinates_outside_belgium_are_rejected_by_the_database(places):
    site = SiteFactory.build(
        organisation=OrganisationFactory(),
        municipality=places.brugge,
        latitude=Decimal("52.370216"),  # Amsterdam
        longitude=Decimal("4.895168"),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        site.save()


def test_site_needs_both_coordinates_or_none(places):
    site = SiteFactory.build(
        organisation=OrganisationFactory(),
        municipality=places.brugge,
        latitude=Decimal("51.2"),
        longitude=None,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        site.save()


def test_site_postcode_must_belong_to_its_municipality(places):
    site = SiteFactory.build(
        organisation=OrganisationFactory(),
        postcode="3000",
        municipality=places.brugge,
    )
    with pytest.raises(ValidationError) as exc:
        site.full_clean()
    assert "postcode" in exc.value.message_dict


def test_site_falls_back_to_the_municipality_centre(places):
    places.brugge.latitude, places.brugge.longitude = (
        Decimal("51.2093"),
        Decimal("3.2247"),
    )
    places.brugge.save()
    site = SiteFactory(organisation=OrganisationFactory(), postcode="8000")
    assert site.coordinates == (51.2093, 3.2247)
    assert site.coordinates_are_approximate
    site.latitude, site.longitude = Decimal("51.2"), Decimal("3.2")
    assert site.coordinates == (51.2, 3.2)
    assert not site.coordinates_are_approximate


def test_site_names_are_unique_within_an_organisation(places):
    site = SiteFactory(postcode="8000")
    with pytest.raises(IntegrityError), transaction.atomic():
        Site.objects.create(
            organisation=site.organisation,
            name=site.name,
            kind=Site.Kind.SHOP,
            street="Elders 2",
            postcode="8000",
            municipality=places.brugge,
        )


def test_partnership_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        PartnershipFactory(
            start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2024, 1, 1)
        )


def test_partnership_active_queryset_respects_the_period():
    hub = HubFactory()
    today = datetime.date.today()
    running = PartnershipFactory(hub=hub, start_date=today - datetime.timedelta(days=5))
    ended = PartnershipFactory(
        hub=hub,
        start_date=today - datetime.timedelta(days=50),
        end_date=today - datetime.timedelta(days=1),
    )
    future = PartnershipFactory(hub=hub, start_date=today + datetime.timedelta(days=5))
    assert list(Partnership.objects.active()) == [running]
    assert running.is_active and not ended.is_active and not future.is_active
