"""The competency framework: versioned, bilingual, edited by network coordinators.

A version is edited while it is a draft and frozen once published. Assessments point
at a competency of one version, so a later version never rewrites an old assessment;
competencies of successive versions are matched by their ``code``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from repairlocale.core.models import TimeStampedModel
from repairlocale.training.models.families import ApplianceFamily


class Level(models.IntegerChoices):
    OBSERVED = 1, _("1 · observed")
    WITH_HELP = 2, _("2 · with help")
    INDEPENDENT = 3, _("3 · independently")
    CAN_TEACH = 4, _("4 · can teach")


LEVEL_MIN, LEVEL_MAX = 1, 4


class CompetencyArea(models.TextChoices):
    SAFETY = "safety", _("Safety and regulations")
    MEASURING = "measuring", _("Measuring")
    DIAGNOSIS = "diagnosis", _("Diagnosis")
    DISASSEMBLY = "disassembly", _("Disassembly and reassembly")
    SOLDERING = "soldering", _("Soldering and replacing components")
    FICHE_CUSTOMER = "fiche_customer", _("Hergebruikfiche and customer contact")
    FAMILIES = "families", _("Appliance families")


class FrameworkVersionQuerySet(models.QuerySet["FrameworkVersion"]):
    def published(self) -> FrameworkVersionQuerySet:
        return self.filter(status=FrameworkVersion.Status.PUBLISHED)

    def current(self) -> FrameworkVersion | None:
        """The latest published version: the one new assessments use."""
        return self.published().order_by("-number").first()


class FrameworkVersion(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    number = models.PositiveIntegerField(_("version"), unique=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    note = models.TextField(_("what changed"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )

    objects = FrameworkVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("competency framework version")
        verbose_name_plural = _("competency framework versions")
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published"]),
                name="training_version_status_valid",
            ),
            # One draft at a time: coordinators work on the same next version.
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status="draft"),
                name="training_version_one_draft",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Framework version %(number)s") % {"number": self.number})

    def get_absolute_url(self) -> str:
        return reverse("training:framework_detail", args=[self.number])

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class Competency(TimeStampedModel):
    """One competency of a framework version, with a description for each level."""

    version = models.ForeignKey(
        FrameworkVersion,
        verbose_name=_("framework version"),
        on_delete=models.PROTECT,
        related_name="competencies",
    )
    code = models.CharField(
        _("code"),
        max_length=40,
        validators=[
            RegexValidator(r"^[a-z0-9_]+$", _("Lower-case letters, digits, _"))
        ],
        help_text=_("Stable across versions: links a competency to its predecessor."),
    )
    area = models.CharField(_("area"), max_length=20, choices=CompetencyArea.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name_nl = models.CharField(_("name (nl)"), max_length=160)
    name_en = models.CharField(_("name (en)"), max_length=160)
    appliance_family = models.CharField(
        _("appliance family"),
        max_length=20,
        choices=ApplianceFamily.choices,
        blank=True,
        help_text=_("Repairs of this family count as evidence for this competency."),
    )
    level_1_nl = models.TextField(_("level 1 – observed (nl)"))
    level_1_en = models.TextField(_("level 1 – observed (en)"))
    level_2_nl = models.TextField(_("level 2 – with help (nl)"))
    level_2_en = models.TextField(_("level 2 – with help (en)"))
    level_3_nl = models.TextField(_("level 3 – independently (nl)"))
    level_3_en = models.TextField(_("level 3 – independently (en)"))
    level_4_nl = models.TextField(_("level 4 – can teach (nl)"))
    level_4_en = models.TextField(_("level 4 – can teach (en)"))

    class Meta:
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        ordering = ["version", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "code"],
                name="training_competency_unique_code_per_version",
                violation_error_message=_(
                    "This version already has a competency with this code."
                ),
            ),
            models.CheckConstraint(
                condition=Q(area__in=CompetencyArea.values),
                name="training_competency_area_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def _english(self) -> bool:
        return (get_language() or "").startswith("en")

    @property
    def name(self) -> str:
        return self.name_en if self._english else self.name_nl

    def level_description(self, level: int) -> str:
        suffix = "en" if self._english else "nl"
        return getattr(self, f"level_{level}_{suffix}", "")

    @property
    def level_descriptions(self) -> list[tuple[int, str, str]]:
        return [
            (lvl.value, lvl.label, self.level_description(lvl.value)) for lvl in Level
        ]


class Assessment(TimeStampedModel):
    """A coach's judgement of one competency on one day. Never overwritten."""

    trainee = models.ForeignKey(
        "training.Trainee",
        verbose_name=_("trainee"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    competency = models.ForeignKey(
        Competency,
        verbose_name=_("competency"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    level = models.PositiveSmallIntegerField(
        _("level"),
        choices=Level.choices,
        validators=[MinValueValidator(LEVEL_MIN), MaxValueValidator(LEVEL_MAX)],
    )
    assessed_on = models.DateField(_("date"))
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
    )
    evidence = models.TextField(_("evidence"), blank=True)
    comment = models.TextField(_("comment"), blank=True)
    from_suggestion = models.BooleanField(
        _("confirmed from a suggestion"), default=False
    )

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-assessed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=LEVEL_MIN, level__lte=LEVEL_MAX),
                name="training_assessment_level_in_scale",
            ),
        ]
        indexes = [
            # The trainee page: latest assessment per competency.
            models.Index(
                fields=["trainee", "assessed_on"], name="training_assess_trainee"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency} → {self.level}"


class SuggestionDecision(TimeStampedModel):
    """A coach's answer to an assessment the platform proposed from the evidence.

    Open proposals are computed from the repairs on every page view; only the
    decision is stored, so a rejected proposal is not made again.
    """

    class Decision(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")

    trainee = models.ForeignKey(
        "training.Trainee",
        verbose_name=_("trainee"),
        on_delete=models.CASCADE,
        related_name="suggestion_decisions",
    )
    competency_code = models.CharField(_("competency code"), max_length=40)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    evidence_count = models.PositiveIntegerField(_("repairs counted"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
    )
    assessment = models.OneToOneField(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.SET_NULL,
        related_name="suggestion",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("suggestion decision")
        verbose_name_plural = _("suggestion decisions")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["trainee", "competency_code", "level"],
                name="training_suggestion_decided_once",
            ),
            models.CheckConstraint(
                condition=Q(decision__in=["confirmed", "rejected"]),
                name="training_suggestion_decision_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency_code} {self.level}: {self.decision}"
