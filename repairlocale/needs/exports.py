"""A campaign's answers as one row per hub-by-activity (CSV and XLSX).

The writers of the reuse app are shared: they put an apostrophe in front of any text
a spreadsheet would run as a formula (= + - @) and keep numbers as real numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from repairlocale.needs.models import ActivityAnswer, Campaign, Interest, Stage
from repairlocale.needs.models.campaigns import DEMAND_WEIGHT
from repairlocale.reuse.exports import Column, write_csv, write_xlsx

__all__ = ["answer_columns", "answer_rows", "write_csv", "write_xlsx"]


def answer_columns() -> list[Column]:
    return [
        Column(_("Hub")),
        Column(_("Response status")),
        Column(_("Stage")),
        Column(_("Stage (1–5)"), "int"),
        Column(_("Comment on the stage")),
        Column(_("Theme")),
        Column(_("Activity")),
        Column(_("Interest")),
        Column(_("Demand score"), "int"),
        Column(_("Preferred timing")),
        Column(_("Local partners in mind")),
        Column(_("Barriers")),
        Column(_("Comment")),
    ]


def answer_rows(campaign: Campaign) -> Iterator[list[Any]]:
    """Every invited invited hub and asked activity, answered or not (two queries)."""
    answers = {
        (a.campaign_hub_id, a.activity_id): a
        for a in ActivityAnswer.objects.filter(campaign_hub__campaign=campaign)
    }
    activities = list(campaign.activities.order_by("theme", "order", "name_nl"))
    for ch in campaign.campaign_hubs.select_related("hub").order_by("hub__name"):
        for activity in activities:
            answer = answers.get((ch.pk, activity.pk))
            interest = answer.interest if answer else ""
            yield [
                ch.hub.name,
                ch.get_status_display(),
                ch.get_stage_display() if ch.stage else "",
                Stage.rank(ch.stage),
                ch.stage_comment,
                activity.get_theme_display(),
                activity.name,
                str(Interest(interest).label) if interest else "",
                DEMAND_WEIGHT[Interest(interest)] if interest else None,
                answer.get_timing_display() if answer and answer.timing else "",
                answer.partners if answer else "",
                answer.barriers if answer else "",
                answer.comment if answer else "",
            ]
