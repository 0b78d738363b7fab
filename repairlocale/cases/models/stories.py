"""Cases and collaborations, with structured success and failure factors."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from repairlocale.cases.models.publication import (
    Publishable,
    PublishableQuerySet,
    in_language,
    owner_constraint,
    status_constraint,
)
from repairlocale.core.models import TimeStampedModel
from repairlocale.needs.models import Theme
from repairlocale.network.models import Organisation


class Tag(TimeStampedModel):
    name = models.CharField(_("name"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CaseQuerySet(PublishableQuerySet):
    def for_list(self):
        return self.select_related("hub", "organisation").prefetch_related("tags")


class Case(Publishable):
    """A story of what a hub or organisation did and learned, for other hubs to reuse.

    ``context``, ``approach`` and ``results`` hold sanitised HTML (see
    ``cases.richtext``): the services clean every write, so templates may mark them
    safe.
    """

    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(_("theme"), max_length=32, choices=Theme.choices)
    summary_nl = models.TextField(_("summary (Dutch)"), max_length=600)
    summary_en = models.TextField(_("summary (English)"), max_length=600, blank=True)
    context = models.TextField(_("context"), blank=True)
    approach = models.TextField(_("approach"), blank=True)
    results = models.TextField(_("results"), blank=True)
    partners = models.ManyToManyField(
        Organisation,
        verbose_name=_("partners"),
        related_name="cases_as_partner",
        blank=True,
    )
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("Shown on the public page once the case is published."),
    )
    tags = models.ManyToManyField(
        Tag, verbose_name=_("tags"), related_name="cases", blank=True
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        # Drafts (no publication date) last on both databases.
        ordering = [models.F("published_at").desc(nulls_last=True), "-created_at"]
        constraints = [
            owner_constraint("cases_case"),
            status_constraint("cases_case"),
            models.CheckConstraint(
                condition=models.Q(theme__in=Theme.values),
                name="cases_case_theme_valid",
            ),
        ]
        indexes = [
            # The public showcase lists published cases, newest first.
            models.Index(
                fields=["status", "-published_at"], name="cases_case_status_pub"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cases:case_detail", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("public:showcase_case", args=[self.pk])

    @property
    def summary(self) -> str:
        return in_language(self.summary_nl, self.summary_en)


class FactorKind(models.TextChoices):
    SUCCESS = "success", _("Success factor")
    FAILURE = "failure", _("Failure factor")


class Factor(TimeStampedModel):
    """One lesson of a case: what helped or hindered, where, and what to do."""

    Kind = FactorKind

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="factors"
    )
    kind = models.CharField(
        _("success or failure"), max_length=16, choices=Kind.choices
    )
    factor = models.CharField(_("factor"), max_length=200)
    theme = models.CharField(_("theme"), max_length=32, choices=Theme.choices)
    context = models.TextField(_("context"), blank=True)
    recommendation = models.TextField(_("recommendation"), blank=True)

    class Meta:
        verbose_name = _("success or failure factor")
        verbose_name_plural = _("success and failure factors")
        ordering = ["case", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=FactorKind.values),
                name="cases_factor_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(theme__in=Theme.values),
                name="cases_factor_theme_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.factor
