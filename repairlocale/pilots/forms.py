"""A pilot project and its partners, goals, milestones and links, edited on one page."""

from __future__ import annotations

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from repairlocale.core.forms import DateInput
from repairlocale.pilots import indicators
from repairlocale.pilots.models import (
    Milestone,
    PilotGoal,
    PilotLink,
    PilotPartner,
    PilotProject,
)


class PilotForm(forms.ModelForm):
    class Meta:
        model = PilotProject
        fields = ["title", "pilot_region", "focus", "summary", "start_date", "end_date"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "start_date": DateInput(),
            "end_date": DateInput(),
        }


class GoalForm(forms.ModelForm):
    indicator = forms.ChoiceField(
        label=_("Live indicator"),
        required=False,
        help_text=_("Leave empty to enter the current value by hand."),
    )

    class Meta:
        model = PilotGoal
        fields = [
            "description",
            "indicator",
            "target",
            "unit",
            "baseline",
            "manual_value",
            "order",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [
            ("", _("— entered by hand —")),
            *indicators.choices(),
        ]


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_date", "status", "note"]
        widgets = {"due_date": DateInput()}


PartnerFormSet = inlineformset_factory(
    PilotProject, PilotPartner, fields=["organisation", "role"], extra=2
)
GoalFormSet = inlineformset_factory(PilotProject, PilotGoal, form=GoalForm, extra=2)
MilestoneFormSet = inlineformset_factory(
    PilotProject, Milestone, form=MilestoneForm, extra=2
)
LinkFormSet = inlineformset_factory(
    PilotProject, PilotLink, fields=["title", "url", "description"], extra=1
)

FORMSETS = [
    ("partners", _("Partners and their roles"), PartnerFormSet),
    ("goals", _("Goals and target figures"), GoalFormSet),
    ("milestones", _("Milestones"), MilestoneFormSet),
    ("links", _("Documents and links"), LinkFormSet),
]
