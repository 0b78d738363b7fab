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

from django.db import models
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

    def __str__(self):
        return f"{self.organisation_id} {self.month}"


class SalesRollup(models.Model):
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    product_category = models.ForeignKey(
        "repairs.ProductCategory", on_delete=models.CASCADE, related_name="+"
    )
    appliances = models.PositiveIntegerField(default=0)
    weight_kg = models.DecimalField(**MONEY)

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

    def __str__(self):
        return f"{self.organisation_id} {self.month}"


class RepairRollup(models.Model):
    # 0: no organisation (imported records of groups outside the registry).
    organisation_id = models.IntegerField()
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

    def __str__(self):
        return f"{self.organisation_id} {self.month}"
