"""Forms for activities, photos, cases with their factors, review and search."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from repairlocale.cases.models import Activity, Case, Factor, TargetGroup
from repairlocale.cases.models.search import DocumentKind
from repairlocale.cases.permissions import writable_hubs, writable_organisations
from repairlocale.cases.richtext import sanitise
from repairlocale.cases.validators import validate_photo
from repairlocale.core.forms import DateInput
from repairlocale.needs.models import ActivityAnswer, CatalogueActivity, Theme
from repairlocale.network.models import Hub, Organisation, PilotRegion


class _OwnerFormMixin:
    """Limit the hub and organisation choices to those the user writes for."""

    def _limit_owners(self, user, instance) -> None:
        hubs = writable_hubs(user)
        organisations = writable_organisations(user)
        if instance is not None and instance.pk:
            # Keep the current owner selectable for coordinators editing it.
            hubs = Hub.objects.filter(pk__in=hubs.values("pk")) | Hub.objects.filter(
                pk=instance.hub_id
            )
            organisations = Organisation.objects.filter(
                pk__in=organisations.values("pk")
            ) | Organisation.objects.filter(pk=instance.organisation_id)
        self.fields["hub"].queryset = hubs.distinct()
        self.fields["organisation"].queryset = organisations.distinct()
        self.fields["partners"].queryset = Organisation.objects.all()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("hub") and not cleaned.get("organisation"):
            raise ValidationError(_("Choose the hub or the organisation."))
        return cleaned


class ActivityForm(_OwnerFormMixin, forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "title",
            "date",
            "hub",
            "organisation",
            "activity_type",
            "target_group",
            "description",
            "partners",
            "participants",
            "outputs",
            "links",
            "follows_up",
        ]
        widgets = {
            "date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "outputs": forms.Textarea(attrs={"rows": 3}),
            "links": forms.Textarea(attrs={"rows": 2}),
            "partners": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_owners(user, self.instance)
        self.fields["activity_type"].queryset = CatalogueActivity.objects.filter(
            is_active=True
        ) | CatalogueActivity.objects.filter(pk=self.instance.activity_type_id or 0)
        self.fields["follows_up"].queryset = ActivityAnswer.objects.filter(
            campaign_hub__hub__in=self.fields["hub"].queryset
        ).select_related("campaign_hub__campaign", "campaign_hub__hub", "activity")

    def clean_links(self):
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines()]
        validate = URLValidator(schemes=["http", "https"])
        links = []
        for line in filter(None, lines):
            if "://" not in line:
                line = f"https://{line}"
            try:
                validate(line)
            except ValidationError as error:
                raise ValidationError(
                    _("“%(link)s” is not a web address."), params={"link": line}
                ) from error
            links.append(line)
        return "\n".join(links)

    def clean(self):
        cleaned = super().clean()
        answer, hub = cleaned.get("follows_up"), cleaned.get("hub")
        if answer and answer.campaign_hub.hub != hub:
            self.add_error(
                "follows_up",
                _("This answer belongs to another hub than the one chosen."),
            )
        return cleaned


class PhotoField(forms.ImageField):
    """An image field that remembers the content type the browser declared."""

    def to_python(self, data):
        declared = getattr(data, "content_type", None)
        image = super().to_python(data)
        if image is not None and declared:
            image.declared_content_type = declared
        return image


class PhotoForm(forms.Form):
    image = PhotoField(
        label=_("Photo"),
        validators=[validate_photo],
        help_text=_("JPEG, PNG or WebP, at most 5 MB."),
    )
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)


class CaseForm(_OwnerFormMixin, forms.ModelForm):
    tag_text = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=300,
        help_text=_("Separate tags with commas, e.g. elektro, bewarend inzamelen."),
    )

    class Meta:
        model = Case
        fields = [
            "title",
            "hub",
            "organisation",
            "theme",
            "summary_nl",
            "summary_en",
            "context",
            "approach",
            "results",
            "partners",
            "contact_name",
            "contact_email",
        ]
        help_texts = {
            "context": _("Simple formatting is kept: paragraphs, bold, lists, links."),
        }
        widgets = {
            "summary_nl": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "context": forms.Textarea(attrs={"rows": 5}),
            "approach": forms.Textarea(attrs={"rows": 5}),
            "results": forms.Textarea(attrs={"rows": 5}),
            "partners": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_owners(user, self.instance)
        if self.instance.pk and not self.is_bound:
            self.initial["tag_text"] = ", ".join(
                t.name for t in self.instance.tags.all()
            )

    def clean_context(self):
        return sanitise(self.cleaned_data["context"])

    def clean_approach(self):
        return sanitise(self.cleaned_data["approach"])

    def clean_results(self):
        return sanitise(self.cleaned_data["results"])


FactorFormSet = forms.inlineformset_factory(
    Case,
    Factor,
    fields=["kind", "factor", "theme", "context", "recommendation"],
    widgets={
        "context": forms.Textarea(attrs={"rows": 2}),
        "recommendation": forms.Textarea(attrs={"rows": 2}),
    },
    extra=2,
    can_delete=True,
)


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("Everything")), *DocumentKind.choices],
    )
    region = forms.ChoiceField(
        label=_("Pilot region"),
        required=False,
        choices=[("", _("All regions")), *PilotRegion.choices[1:]],
    )
    hub = forms.ModelChoiceField(
        label=_("Hub"), required=False, queryset=Hub.objects.all()
    )
    activity_type = forms.ModelChoiceField(
        label=_("Type of activity"),
        required=False,
        queryset=CatalogueActivity.objects.all(),
    )
    theme = forms.ChoiceField(
        label=_("Theme"), required=False, choices=[("", "—"), *Theme.choices]
    )
    target_group = forms.ChoiceField(
        label=_("Target group"),
        required=False,
        choices=[("", "—"), *TargetGroup.choices],
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Until"), required=False, widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the period is before its start."))
        return cleaned
