"""Forms of the needs mapping: catalogue entries, campaigns, a hub's answers."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from repairlocale.needs.models import (
    Campaign,
    CampaignHub,
    CatalogueActivity,
    Interest,
    Stage,
    Timing,
)
from repairlocale.network.models import Hub


class CatalogueActivityForm(forms.ModelForm):
    class Meta:
        model = CatalogueActivity
        fields = [
            "theme",
            "name_nl",
            "name_en",
            "description_nl",
            "description_en",
            "target_groups",
            "effort",
            "examples",
            "order",
            "is_active",
        ]
        widgets = {
            "description_nl": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "examples": forms.Textarea(attrs={"rows": 3}),
        }


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class CampaignForm(forms.ModelForm):
    """A campaign's settings; the service sets the selections (M2M with a through)."""

    activities = forms.ModelMultipleChoiceField(
        label=_("Activities asked about"),
        queryset=CatalogueActivity.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
    )
    hubs = forms.ModelMultipleChoiceField(
        label=_("Hubs invited"),
        queryset=Hub.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Campaign
        fields = ["name", "deadline", "invitation_nl", "invitation_en", "previous"]
        widgets = {
            "deadline": DateTimeInput(),
            "invitation_nl": forms.Textarea(attrs={"rows": 5}),
            "invitation_en": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        previous = Campaign.objects.order_by("-deadline")
        if self.instance.pk:
            previous = previous.exclude(pk=self.instance.pk)
            # Retired activities stay selectable in the campaign that asked them.
            self.fields["activities"].queryset = CatalogueActivity.objects.filter(
                is_active=True
            ) | CatalogueActivity.objects.filter(campaigns=self.instance)
            self.fields["activities"].queryset = self.fields[
                "activities"
            ].queryset.distinct()
            self.initial.setdefault("activities", list(self.instance.activities.all()))
            self.initial.setdefault("hubs", list(self.instance.hubs.all()))
        self.fields["previous"].queryset = previous

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        changed = not self.instance.pk or deadline != self.instance.deadline
        if changed and deadline <= timezone.now():
            raise forms.ValidationError(_("The deadline must lie in the future."))
        return deadline


class AnswerForm(forms.Form):
    """One activity's answer; prefixed with the activity id on the page."""

    interest = forms.ChoiceField(
        label=_("Interest"),
        choices=Interest.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    timing = forms.ChoiceField(
        label=_("Preferred timing"),
        choices=[("", "—"), *Timing.choices],
        required=False,
    )
    partners = forms.CharField(
        label=_("Local partners in mind"), max_length=500, required=False
    )
    barriers = forms.CharField(
        label=_("Barriers"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    comment = forms.CharField(
        label=_("Anything else"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, activity: CatalogueActivity, **kwargs: Any):
        self.activity = activity
        kwargs.setdefault("prefix", f"a{activity.pk}")
        super().__init__(*args, **kwargs)


class StageForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Where is repair on the agenda in your hub region?"),
        choices=Stage.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    stage_comment = forms.CharField(
        label=_("Comment on the stage"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerSheet:
    """The answer forms of one invited hub, bound or not, validated together."""

    def __init__(self, campaign_hub: CampaignHub, data=None, *, disabled=False):
        self.campaign_hub = campaign_hub
        activities = campaign_hub.campaign.activities.order_by(
            "theme", "order", "name_nl"
        )
        saved = {a.activity_id: a for a in campaign_hub.answers.all()}
        self.forms = []
        for activity in activities:
            answer = saved.get(activity.pk)
            initial = (
                {
                    "interest": answer.interest,
                    "timing": answer.timing,
                    "partners": answer.partners,
                    "barriers": answer.barriers,
                    "comment": answer.comment,
                }
                if answer
                else {}
            )
            form = AnswerForm(data, activity=activity, initial=initial)
            self.forms.append(form)
        self.stage_form = StageForm(
            data,
            initial={
                "stage": campaign_hub.stage,
                "stage_comment": campaign_hub.stage_comment,
            },
        )
        if disabled:
            for form in [*self.forms, self.stage_form]:
                for field in form.fields.values():
                    field.disabled = True

    def is_valid(self, *, submit: bool = False) -> bool:
        # Every form is validated (no short-circuit) so each shows its errors.
        results = [form.is_valid() for form in [*self.forms, self.stage_form]]
        valid = all(results)
        if valid and submit:
            for form in self.forms:
                if not form.cleaned_data["interest"]:
                    form.add_error(
                        "interest", _("Choose your interest before submitting.")
                    )
                    valid = False
            if not self.stage_form.cleaned_data["stage"]:
                self.stage_form.add_error(
                    "stage", _("Choose the stage before submitting.")
                )
                valid = False
        return valid

    @property
    def errors_count(self) -> int:
        return sum(1 for form in [*self.forms, self.stage_form] if form.errors)

    def answers(self) -> dict[int, dict[str, str]]:
        return {form.activity.pk: form.cleaned_data for form in self.forms}
