"""The search index: one row per activity, case and lesson, with its filter facets.

Services rewrite a row whenever its source changes (``cases.search.index_*``). On
SQLite an FTS5 virtual table over ``title`` and ``body`` follows this table through
triggers (migration 0002); on PostgreSQL the Dutch text-search configuration reads
``title_folded`` and ``body_folded``, accent-folded in Python because the
``unaccent`` extension cannot be assumed to be installable.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    ACTIVITY = "activity", _("Activity")
    CASE = "case", _("Case")
    LESSON = "lesson", _("Lesson")


class SearchDocument(models.Model):
    Kind = DocumentKind

    kind = models.CharField(max_length=16, choices=DocumentKind.choices)
    object_id = models.BigIntegerField()
    # The case a lesson belongs to (its page shows the lesson).
    case_id_for_link = models.BigIntegerField(null=True)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    title_folded = models.CharField(max_length=300)
    body_folded = models.TextField(blank=True)
    # Facets for the filters and the visibility rule.
    is_published = models.BooleanField(default=False)
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    hub = models.ForeignKey(
        "network.Hub", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    pilot_region = models.CharField(max_length=32, blank=True)
    activity_type = models.ForeignKey(
        "needs.CatalogueActivity",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    theme = models.CharField(max_length=32, blank=True)
    target_group = models.CharField(max_length=32, blank=True)
    date = models.DateField(null=True)

    class Meta:
        ordering = ["-date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="cases_searchdocument_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"
