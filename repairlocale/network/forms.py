"""Forms of the network registry: validate and normalise, never orchestrate."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from repairlocale.core.forms import DateInput
from repairlocale.network.models import (
    BELGIUM_BOUNDS,
    POSTCODE_SHAPE,
    Hub,
    Membership,
    Municipality,
    Organisation,
    Partnership,
    PostalCode,
    Site,
)
from repairlocale.network.validators import normalise_enterprise_number


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "type",
            "pilot_region",
            "parent",
            "description",
            "email",
            "phone",
            "website",
            "enterprise_number",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    # Wider than the stored 0123.456.749: people type "BE 0123 456 749".
    enterprise_number = forms.CharField(
        label=_("enterprise number"),
        max_length=20,
        required=False,
        help_text=Organisation._meta.get_field("enterprise_number").help_text,
    )

    # What an organisation is and which pilot region it belongs to decide which
    # pilot indicators and funder-report figures it feeds: the network's coordinators
    # set them, not the organisation's own managers.
    CLASSIFICATION = ("type", "pilot_region")

    def __init__(
        self, *args, parent_queryset=None, classification_locked=False, **kwargs
    ):
        super().__init__(*args, **kwargs)
        if classification_locked:
            for name in self.CLASSIFICATION:
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "Set by the network coordinators; ask them to change it."
                )
        queryset = (
            parent_queryset if parent_queryset is not None else Organisation.objects
        )
        if self.instance.pk:
            queryset = queryset.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = queryset.order_by("name")

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_enterprise_number(self) -> str:
        value = self.cleaned_data.get("enterprise_number", "")
        return normalise_enterprise_number(value) if value else ""


def postcode_municipalities(postcode: str) -> list[Municipality]:
    return PostalCode.objects.municipalities_for(postcode)


class SiteForm(forms.ModelForm):
    """A site; the municipality follows from the postcode (asked when ambiguous)."""

    municipality = forms.ModelChoiceField(
        label=_("municipality"),
        queryset=Municipality.objects.none(),
        to_field_name="nis_code",
        required=False,
        help_text=_("Follows from the postcode."),
    )

    class Meta:
        model = Site
        fields = [
            "organisation",
            "name",
            "kind",
            "street",
            "postcode",
            "municipality",
            "latitude",
            "longitude",
            "opening_hours",
            "is_active",
        ]
        widgets = {
            "postcode": forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "postal-code"}
            ),
        }
        help_texts = {
            "latitude": _(
                "Optional, e.g. 51.2093. Leave empty to use the centre of the "
                "municipality."
            ),
            "longitude": _("Optional, e.g. 3.2247."),
        }

    def __init__(self, *args, organisation_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisation_queryset is not None:
            self.fields["organisation"].queryset = organisation_queryset.order_by(
                "name"
            )
        # Typing a postcode shows its municipality at once (an HTMX fragment).
        self.fields["postcode"].widget.attrs.update(
            {
                "hx-get": reverse("network:postcode_lookup"),
                "hx-trigger": "input changed delay:300ms, change",
                "hx-target": "#postcode-result",
            }
        )
        postcode = (self.data.get(self.add_prefix("postcode")) or "").strip() or (
            self.instance.postcode if self.instance.pk else ""
        )
        # Only a well-formed postcode reaches the database (a NUL byte typed into
        # the field is an error on PostgreSQL; the field's validators refuse it).
        self.fields["municipality"].queryset = Municipality.objects.filter(
            postal_codes__code=postcode if POSTCODE_SHAPE.fullmatch(postcode) else ""
        )
        if self.instance.pk and self.instance.municipality_id:
            self.initial["municipality"] = self.instance.municipality.nis_code

    def clean_postcode(self) -> str:
        return (self.cleaned_data.get("postcode") or "").strip()

    def clean(self) -> dict:
        cleaned = super().clean()
        postcode = cleaned.get("postcode")
        if postcode and "postcode" not in self.errors:
            candidates = postcode_municipalities(postcode)
            chosen = cleaned.get("municipality")
            if not candidates:
                self.add_error(
                    "postcode",
                    _(
                        "Unknown postcode %(postcode)s: no Belgian municipality has "
                        "this postcode. Sites must be located in Belgium."
                    )
                    % {"postcode": postcode},
                )
            elif len(candidates) == 1:
                cleaned["municipality"] = candidates[0]
            elif chosen not in candidates:
                self.add_error(
                    "municipality",
                    _(
                        "Postcode %(postcode)s belongs to several municipalities: "
                        "choose one."
                    )
                    % {"postcode": postcode},
                )
        lat, lon = cleaned.get("latitude"), cleaned.get("longitude")
        if (lat is None) != (lon is None):
            self.add_error(
                "longitude" if lon is None else "latitude",
                _("Enter both coordinates, or neither."),
            )
        elif lat is not None and lon is not None:
            b = BELGIUM_BOUNDS
            if not (Decimal(str(b["lat_min"])) <= lat <= Decimal(str(b["lat_max"]))):
                self.add_error(
                    "latitude",
                    _("This latitude lies outside Belgium (between 49.5 and 51.5)."),
                )
            if not (Decimal(str(b["lon_min"])) <= lon <= Decimal(str(b["lon_max"]))):
                self.add_error(
                    "longitude",
                    _("This longitude lies outside Belgium (between 2.5 and 6.4)."),
                )
        return cleaned

    def _post_clean(self) -> None:
        # The municipality is not a model field value until clean() resolved it.
        if self.cleaned_data.get("municipality"):
            self.instance.municipality = self.cleaned_data["municipality"]
        super()._post_clean()


class HubForm(forms.ModelForm):
    class Meta:
        model = Hub
        fields = [
            "name",
            "organisation",
            "pilot_region",
            "description",
            "website",
            "email",
            "municipalities",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "municipalities": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, can_change_identity: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].queryset = (
            Municipality.objects.flemish()
            .select_related("province")
            .order_by("name_nl")
        )
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        if not can_change_identity:
            # A hub's own managers edit its region and text; which organisation runs
            # the hub is the coordinators' decision.
            for name in ("name", "organisation", "pilot_region"):
                self.fields[name].disabled = True


class PartnershipForm(forms.ModelForm):
    class Meta:
        model = Partnership
        fields = [
            "organisation",
            "hub",
            "role",
            "start_date",
            "end_date",
            "description",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, organisation_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisation_queryset is not None:
            self.fields["organisation"].queryset = organisation_queryset.order_by(
                "name"
            )
        self.fields["hub"].queryset = Hub.objects.order_by("name")

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return cleaned


class MembershipInviteForm(forms.Form):
    email = forms.EmailField(label=_("email address"))
    first_name = forms.CharField(label=_("first name"), max_length=150)
    last_name = forms.CharField(label=_("last name"), max_length=150, required=False)
    role = forms.TypedChoiceField(
        label=_("role"),
        choices=Membership.Role.choices,
        coerce=int,
        initial=Membership.Role.VIEWER,
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if Membership.objects.filter(
            organisation=self.organisation, user__email__iexact=email
        ).exists():
            raise forms.ValidationError(
                _("This person is already a member of this organisation.")
            )
        return email


class MembershipRoleForm(forms.Form):
    role = forms.TypedChoiceField(
        label=_("role"), choices=Membership.Role.choices, coerce=int
    )
