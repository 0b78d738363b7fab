"""Rollups: pre-aggregated figures that dashboards read instead of raw rows.

Three families, each at two grains (a day and a calendar month, the month row being
the sum of its days), keyed by organisation x product category x the family's
dimension:

* inflow — appliances by **intake** day x collection channel, with the outcome
  counts (rejected at triage and why, sold, repaired, fixed) as measures;
* sales — sold appliances by **sale** day (``closed_on``), for the re-use impact;
* repairs — counted repair records by **event** day x source x data provider, with
  the counts per repair status as measures (likely duplicates and workshop repairs
  of sold appliances left out, exactly as ``impact.selectors`` counts them).

The outcomes are measure columns rather than a key column: one row per key holds
every outcome, which keeps the tables several times smaller than one row per
outcome and lets one SUM read them all.

Rows are never edited by hand. Database triggers (migration 0002) note every
(organisation, day) that a write to an appliance or a repair record touches in
``RollupDirty``, in the writing transaction itself, whatever wrote it (a form, a
bulk import, raw SQL); ``rollups.rollups_refresh`` recomputes those slices from the
raw rows. ``manage.py rebuild_rollups`` recomputes everything.
"""

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 14, "decimal_places": 2, "default": 0}


class RollupDirty(models.Model):
    """A slice whose rollup rows are stale: (family, organisation, day).

    Written by the triggers; ``organisation_id`` 0 stands for "no organisation"
    (imported repair records), so that the unique key also covers those.
    """

    class Kind(models.TextChoices):
        INFLOW = "a", _("Inflow")
        SALES = "s", _("Sales")
        REPAIRS = "r", _("Repairs")

    kind = models.CharField(max_length=1, choices=Kind.choices)
    organisation_id = models.IntegerField()
    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "organisation_id", "day"],
                name="dashboards_dirty_unique",
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.organisation_id} {self.day}"


class InflowRollup(models.Model):
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    product_category = models.ForeignKey(
        "repairs.ProductCategory", on_delete=models.CASCADE, related_name="+"
    )
    channel = models.CharField(max_length=32)
    appliances = models.PositiveIntegerField(default=0)
    kg_in = models.DecimalField(**MONEY)
    rejected = models.PositiveIntegerField(default=0)
    sold = models.PositiveIntegerField(default=0)
    repaired = models.PositiveIntegerField(default=0)
    fixed = models.PositiveIntegerField(default=0)
    revenue = models.DecimalField(**MONEY)
    kg_reused = models.DecimalField(**MONEY)
    # One column per rejection criterion of the decree (reuse REJECTION_CRITERIA).
    reason_outdated = models.PositiveIntegerField(default=0)
    reason_rust_damage = models.PositiveIntegerField(default=0)
    reason_poor_condition = models.PositiveIntegerField(default=0)
    reason_not_economically_repairable = models.PositiveIntegerField(default=0)
    reason_contains_crt = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class InflowDay(InflowRollup):
    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "day", "product_category", "channel"],
                name="dashboards_inflowday_key",
            )
        ]
        indexes = [models.Index(fields=["day"], name="dashboards_inflowday_day")]

    def __str__(self):
        return f"{self.organisation_id} {self.day}"


class InflowMonth(InflowRollup):
    month = models.DateField(help_text="The first day of the month.")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "month", "product_category", "channel"],
                name="dashboards_inflowmonth_key",
            )
        ]
        indexes = [models.Index(fields=["month"], name="dashboards_inflowmonth_m")]

    def __str__(self):
        return f"{self.organisation_id} {self.month}"


class InflowChannelMonth(InflowRollup):
    """InflowMonth without the category: what every unfiltered dashboard reads.

    A few rows per organisation and month (one per channel) instead of one per
    category and channel, so a Flanders-wide view over years reads thousands of
    rows, not hundreds of thousands. ``product_category`` is always NULL here.
    """

    product_category = models.ForeignKey(
        "repairs.ProductCategory",
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        editable=False,
    )
    month = models.DateField(help_text="The first day of the month.")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "month", "channel"],
                name="dashboards_inflowchannelmonth_key",
            )
        ]
        indexes = [models.Index(fields=["month"], name="dashboards_inflowchmonth_m")]

    def __str__(self):
        return f"{self.organisation_id} {self.month} {self.channel}"


class SalesCounts(models.Model):
    """Sold appliances of one category: how many and their weight."""

    product_category = models.ForeignKey(
        "repairs.ProductCategory", on_delete=models.CASCADE, related_name="+"
    )
    appliances = models.PositiveIntegerField(default=0)
    weight_kg = models.DecimalField(**MONEY)

    class Meta:
        abstract = True


class SalesRollup(SalesCounts):
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        abstract = True


class SalesDay(SalesRollup):
    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "day", "product_category"],
                name="dashboards_salesday_key",
            )
        ]
        indexes = [models.Index(fields=["day"], name="dashboards_salesday_day")]

    def __str__(self):
        return f"{self.organisation_id} {self.day}"


class SalesMonth(SalesRollup):
    month = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "month", "product_category"],
                name="dashboards_salesmonth_key",
            )
        ]
        indexes = [models.Index(fields=["month"], name="dashboards_salesmonth_m")]

    def __str__(self):
        return f"{self.organisation_id} {self.month}"


class RepairCounts(models.Model):
    """Counted repair records of one category, source and provider, per status."""

    product_category = models.ForeignKey(
        "repairs.ProductCategory", on_delete=models.CASCADE, related_name="+"
    )
    source = models.CharField(max_length=16)
    data_provider = models.CharField(max_length=120)
    records = models.PositiveIntegerField(default=0)
    fixed = models.PositiveIntegerField(default=0)
    repairable = models.PositiveIntegerField(default=0)
    end_of_life = models.PositiveIntegerField(default=0)
    unknown = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class RepairRollup(RepairCounts):
    # 0: no organisation (imported records of groups outside the registry).
    organisation_id = models.IntegerField()

    class Meta:
        abstract = True


class RepairDay(RepairRollup):
    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "organisation_id",
                    "day",
                    "product_category",
                    "source",
                    "data_provider",
                ],
                name="dashboards_repairday_key",
            )
        ]
        indexes = [models.Index(fields=["day"], name="dashboards_repairday_day")]

    def __str__(self):
        return f"{self.organisation_id} {self.day}"


class RepairMonth(RepairRollup):
    month = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "organisation_id",
                    "month",
                    "product_category",
                    "source",
                    "data_provider",
                ],
                name="dashboards_repairmonth_key",
            )
        ]
        indexes = [models.Index(fields=["month"], name="dashboards_repairmonth_m")]

    def __str__(self):
        return f"{self.organisation_id} {self.month}"


# --- The funder report ------------------------------------------------------------


class RepairNetworkMonth(RepairCounts):
    """RepairMonth summed over organisations: what Flanders-wide views read.

    A few thousand rows (month x category x source x provider) instead of one per
    organisation too; kept by the same refresh, for the months it touches.
    """

    month = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "product_category", "source", "data_provider"],
                name="dashboards_repairnetworkmonth_key",
            )
        ]

    def __str__(self):
        return f"{self.month} {self.product_category_id} {self.source}"


class InflowNetworkMonth(InflowRollup):
    """InflowChannelMonth summed over organisations (month x channel).

    What a Flanders-wide dashboard without a category filter reads for whole
    months: a few hundred rows for the whole history.
    """

    organisation = None
    product_category = None
    month = models.DateField(help_text="The first day of the month.")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "channel"], name="dashboards_inflownetworkmonth_key"
            )
        ]

    def __str__(self):
        return f"{self.month} {self.channel}"


class InflowNetworkDay(InflowRollup):
    """InflowDay summed over organisations and categories (day x channel).

    The days at the edges of a Flanders-wide period: a handful of rows per day
    instead of one per organisation x category x channel (about a thousand at two
    million appliances).
    """

    organisation = None
    product_category = None
    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "channel"], name="dashboards_inflownetworkday_key"
            )
        ]

    def __str__(self):
        return f"{self.day} {self.channel}"


class RepairNetworkDay(RepairCounts):
    """RepairDay summed over organisations (day x category x source x provider)."""

    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "product_category", "source", "data_provider"],
                name="dashboards_repairnetworkday_key",
            )
        ]

    def __str__(self):
        return f"{self.day} {self.product_category_id} {self.source}"


class SalesNetworkDay(SalesCounts):
    """SalesDay summed over organisations (day x category)."""

    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "product_category"],
                name="dashboards_salesnetworkday_key",
            )
        ]

    def __str__(self):
        return f"{self.day} {self.product_category_id}"


class SalesNetworkMonth(SalesCounts):
    """SalesMonth summed over organisations (month x category)."""

    month = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "product_category"],
                name="dashboards_salesnetworkmonth_key",
            )
        ]

    def __str__(self):
        return f"{self.month} {self.product_category_id}"


class FunderReport(models.Model):
    """One generated period report for the Departement WSE, kept as it was made.

    The row records everything needed to reproduce it: the period, the region, the
    methodology version, the time of the newest source row it read, and a JSON
    snapshot of every figure; the PDF and XLSX are rendered from that snapshot.
    """

    class Region(models.TextChoices):
        PROJECT = "project", _("Whole project")
        BRUGGE = "brugge", _("Brugge")
        VLAAMS_BRABANT = "vlaams_brabant", _("Vlaams-Brabant")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    date_from = models.DateField(_("from"))
    date_to = models.DateField(_("up to"))
    region = models.CharField(
        _("region"), max_length=20, choices=Region.choices, default=Region.PROJECT
    )
    methodology = models.ForeignKey(
        "impact.Methodology",
        verbose_name=_("impact methodology"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    methodology_version = models.CharField(_("methodology version"), max_length=20)
    language = models.CharField(_("language"), max_length=10, default="nl-be")
    requested_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True)
    data_timestamp = models.DateTimeField(
        _("data as of"),
        null=True,
        blank=True,
        help_text=_("The latest change among the source rows the report read."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    # A worker writes these while it generates the report: a running report whose
    # heartbeat is older than STALE_AFTER lost its worker (killed, machine down).
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    # Raised by each regeneration: a worker of an older attempt that comes back
    # to life writes nothing.
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=1)
    message = models.TextField(_("message"), blank=True)
    snapshot = models.JSONField(_("figures"), default=dict, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="reports/funder/", blank=True)
    xlsx = models.FileField(_("XLSX"), upload_to="reports/funder/", blank=True)

    class Meta:
        verbose_name = _("funder report")
        verbose_name_plural = _("funder reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_to__gte=models.F("date_from")),
                name="dashboards_funderreport_period_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100),
                name="dashboards_funderreport_progress_max",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "running", "done", "failed"]),
                name="dashboards_funderreport_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(region__in=["project", "brugge", "vlaams_brabant"]),
                name="dashboards_funderreport_region_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_region_display()} {self.date_from} – {self.date_to}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("dashboards:report_detail", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def interrupted(self) -> bool:
        """Running, but no sign of life from its worker for longer than allowed."""
        if self.status != self.Status.RUNNING:
            return False
        last = self.heartbeat_at or self.started_at or self.created_at
        return last is None or timezone.now() - last > stale_after()

    @property
    def can_regenerate(self) -> bool:
        return self.status == self.Status.FAILED or self.interrupted

    @property
    def display_status(self) -> str:
        if self.interrupted:
            return str(_("Interrupted"))
        return str(self.get_status_display())


def stale_after() -> timedelta:
    """How long a running report may go without a heartbeat (settings override)."""
    from django.conf import settings

    return timedelta(
        seconds=getattr(settings, "FUNDER_REPORT_STALE_SECONDS", STALE_SECONDS)
    )


# A worker beats at every progress step, a few seconds apart even for a large
# network; two minutes of silence means it is gone.
STALE_SECONDS = 120
