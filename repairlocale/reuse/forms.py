"""Forms of the hergebruikfiche: intake and one small form per step."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from repairlocale.core.forms import DateInput
from repairlocale.network.models import Organisation, PostalCode, Site
from repairlocale.repairs.models import RepairStatus
from repairlocale.reuse.models import (
    MAX_PHOTOS_PER_APPLIANCE,
    REJECTION_CRITERIA,
    REUSE_CRITERIA,
    Appliance,
    PhotoKind,
    Step,
    StepKind,
)
from repairlocale.reuse.photos import MAX_PHOTO_BYTES, clean_photo
from repairlocale.reuse.services import MAX_BULK_INTAKE


class MultiplePhotoInput(forms.ClearableFileInput):
    """Several photos at once; on a phone the picker offers the camera too."""

    allow_multiple_selected = True

    def __init__(self, attrs=None):
        super().__init__(
            {"accept": "image/jpeg,image/png,image/webp,image/*", **(attrs or {})}
        )


class CameraInput(forms.FileInput):
    """One photo straight from the phone's back camera."""

    def __init__(self, attrs=None):
        super().__init__(
            {"accept": "image/*", "capture": "environment", **(attrs or {})}
        )


class PhotosField(forms.FileField):
    """Zero or more photos, each checked, re-encoded and stripped of metadata.

    ``cleaned_data[name]`` is a list of ``reuse.photos.CleanPhoto``.
    """

    widget = MultiplePhotoInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            _(
                "JPEG, PNG or WebP, at most %(size)s MB each and %(count)s per "
                "appliance. Location data and other metadata are removed."
            )
            % {
                "size": MAX_PHOTO_BYTES // (1024 * 1024),
                "count": MAX_PHOTOS_PER_APPLIANCE,
            },
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data or []) if f] if isinstance(data, list | tuple) else []
        if not isinstance(data, list | tuple) and data:
            files = [data]
        if not files:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"])
            return []
        if len(files) > MAX_PHOTOS_PER_APPLIANCE:
            raise forms.ValidationError(
                _("Send at most %(max)s photos at once; you chose %(count)s.")
                % {"max": MAX_PHOTOS_PER_APPLIANCE, "count": len(files)},
                code="photo_count",
            )
        cleaned, errors = [], []
        for upload in files:
            super().clean(upload, initial)
            try:
                cleaned.append(clean_photo(upload))
            except forms.ValidationError as error:
                errors.append(error)
        if errors:
            raise forms.ValidationError(errors)
        return cleaned


class PhotoAddForm(forms.Form):
    """Photos added on the fiche after intake: a defect, a repair, …"""

    photos = PhotosField(label=_("photos"))
    camera = PhotosField(
        label=_("or take a photo now"), widget=CameraInput, help_text=""
    )
    kind = forms.ChoiceField(
        label=_("what the photos show"),
        choices=PhotoKind.choices,
        initial=PhotoKind.DEFECT,
    )
    caption = forms.CharField(label=_("caption"), max_length=200, required=False)

    def clean(self) -> dict:
        cleaned = super().clean()
        merge_camera(self, cleaned)
        if not self.errors and not cleaned.get("photos"):
            self.add_error("photos", _("Choose one or more photos."))
        return cleaned


def merge_camera(form: forms.Form, cleaned: dict) -> None:
    """The camera's photo joins the chosen ones (one list, one count)."""
    cleaned["photos"] = [*cleaned.get("photos", []), *cleaned.pop("camera", [])]
    if len(cleaned["photos"]) > MAX_PHOTOS_PER_APPLIANCE:
        form.add_error(
            "photos",
            _("Send at most %(max)s photos at once; you chose %(count)s.")
            % {"max": MAX_PHOTOS_PER_APPLIANCE, "count": len(cleaned["photos"])},
        )


class IntakeForm(forms.ModelForm):
    """Register an appliance in seconds; a scanned pre-printed label is optional."""

    code = forms.CharField(
        label=_("pre-printed label"),
        required=False,
        max_length=200,
        help_text=_("Scan or type the code of a pre-printed label, or leave empty."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters"}
        ),
    )
    quantity = forms.IntegerField(
        label=_("number of identical appliances"),
        min_value=1,
        max_value=MAX_BULK_INTAKE,
        initial=1,
    )
    source_postcode = forms.CharField(
        label=_("postcode of origin"),
        required=False,
        max_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    photos = PhotosField(label=_("photos"))
    camera = PhotosField(
        label=_("or take a photo now"), widget=CameraInput, help_text=""
    )

    class Meta:
        model = Appliance
        fields = [
            "site",
            "intake_date",
            "channel",
            "product_category",
            "eee_category",
            "device_name",
            "brand",
            "model_number",
            "production_year",
            "weight_kg",
            "weight_measured",
            "remarks",
        ]
        widgets = {
            "intake_date": DateInput(),
            "remarks": forms.Textarea(attrs={"rows": 2}),
            "weight_kg": forms.NumberInput(
                attrs={"inputmode": "decimal", "step": "0.01"}
            ),
            "production_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["weight_kg"].required = False
        self.fields["weight_kg"].help_text = _(
            "Leave empty to use the category's typical weight."
        )
        self.fields["site"].queryset = Site.objects.filter(
            organisation=organisation, is_active=True
        ).order_by("name")

    def clean_code(self) -> str:
        raw = (self.cleaned_data.get("code") or "").strip()
        # A QR scanner types the whole URL printed on the label: keep the code.
        if "/a/" in raw:
            raw = raw.rstrip("/").rsplit("/", 1)[-1]
        return raw.upper()

    def clean_production_year(self):
        year = self.cleaned_data.get("production_year")
        if year and year > timezone.localdate().year:
            raise forms.ValidationError(_("The production year lies in the future."))
        return year

    def clean_intake_date(self):
        day = self.cleaned_data.get("intake_date")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("The intake date lies in the future."))
        return day

    def clean(self) -> dict:
        cleaned = super().clean()
        category = cleaned.get("product_category")
        if cleaned.get("weight_kg") is None and "weight_kg" not in self.errors:
            if category is not None and category.typical_weight_kg:
                # Not weighed: the category's typical weight, marked as such.
                weight = category.typical_weight_kg.quantize(Decimal("0.01"))
                cleaned["weight_kg"] = weight
                cleaned["weight_measured"] = False
            else:
                self.add_error(
                    "weight_kg",
                    _("Weigh this appliance: its category has no typical weight."),
                )
        postcode = (cleaned.get("source_postcode") or "").strip()
        cleaned["source_municipality"] = None
        if postcode:
            found = PostalCode.objects.municipalities_for(postcode)
            if not found:
                self.add_error(
                    "source_postcode",
                    _("Unknown postcode %(postcode)s.") % {"postcode": postcode},
                )
            else:
                cleaned["source_municipality"] = found[0]
        if cleaned.get("code") and (cleaned.get("quantity") or 1) > 1:
            self.add_error("code", _("A pre-printed label fits one appliance only."))
        merge_camera(self, cleaned)
        if cleaned.get("photos") and (cleaned.get("quantity") or 1) > 1:
            self.add_error(
                "photos", _("Photos go with one appliance: add them on each fiche.")
            )
        return cleaned

    def appliance_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["source_municipality"] = self.cleaned_data["source_municipality"]
        return data


class StepForm(forms.ModelForm):
    """Fields every step shares; subclasses add their own."""

    kind: str = ""
    common = ["duration_minutes", "notes"]

    class Meta:
        model = Step
        fields = ["duration_minutes", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, organisation: Organisation | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        if "trainee" in self.fields:
            from repairlocale.training.selectors import trainees_for_evidence

            self.fields["trainee"].queryset = trainees_for_evidence(organisation)

    def step_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


def _passed_field(label, yes, no) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[("true", yes), ("false", no)],
        coerce=lambda v: v == "true",
        widget=forms.RadioSelect,
    )


class TriageForm(StepForm):
    kind = StepKind.TRIAGE
    rejection_reasons = forms.MultipleChoiceField(
        label=_("rejection criteria (decree)"),
        choices=list(REJECTION_CRITERIA.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick none to accept the appliance for testing."),
    )

    class Meta(StepForm.Meta):
        fields = ["rejection_reasons", "defects", "duration_minutes", "notes"]
        widgets = {
            **StepForm.Meta.widgets,
            "defects": forms.Textarea(attrs={"rows": 2}),
        }


class SafetyTestForm(StepForm):
    kind = StepKind.SAFETY_TEST
    passed = _passed_field(_("result"), _("Passed"), _("Failed"))

    class Meta(StepForm.Meta):
        fields = [
            "passed",
            "earth_resistance_ohm",
            "insulation_resistance_mohm",
            "leakage_current_ma",
            "instrument",
            "trainee",
            "duration_minutes",
            "notes",
        ]
        widgets = {
            **StepForm.Meta.widgets,
            **{
                f: forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"})
                for f in (
                    "earth_resistance_ohm",
                    "insulation_resistance_mohm",
                    "leakage_current_ma",
                )
            },
        }


class FunctionalTestForm(StepForm):
    kind = StepKind.FUNCTIONAL_TEST
    passed = _passed_field(_("result"), _("Works"), _("Does not work"))

    class Meta(StepForm.Meta):
        fields = ["passed", "defects", "duration_minutes", "notes"]
        widgets = {
            **StepForm.Meta.widgets,
            "defects": forms.Textarea(attrs={"rows": 2}),
        }


class RepairForm(StepForm):
    kind = StepKind.REPAIR

    class Meta(StepForm.Meta):
        fields = [
            "repair_outcome",
            "barrier",
            "diagnosis",
            "fault_type",
            "parts_used",
            "parts_cost",
            "repairer",
            "supervisor",
            "trainee",
            "duration_minutes",
            "notes",
        ]
        widgets = {
            **StepForm.Meta.widgets,
            "diagnosis": forms.Textarea(attrs={"rows": 2}),
            "parts_used": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["repair_outcome"].required = True
        self.fields["repair_outcome"].choices = [
            ("", "---------"),
            *(c for c in RepairStatus.choices if c[0] != RepairStatus.UNKNOWN),
        ]
        people = (
            get_user_model()
            .objects.filter(memberships__organisation=self.organisation)
            .order_by("first_name", "last_name")
        )
        self.fields["repairer"].queryset = people
        self.fields["supervisor"].queryset = people

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get(
            "repair_outcome"
        ) == RepairStatus.END_OF_LIFE and not cleaned.get("barrier"):
            self.add_error("barrier", _("Say what stopped the repair (ORDS barrier)."))
        if cleaned.get("repair_outcome") != RepairStatus.END_OF_LIFE:
            cleaned["barrier"] = ""
        return cleaned


class DataWipeForm(StepForm):
    kind = StepKind.DATA_WIPE
    passed = _passed_field(_("verified"), _("Wiped and verified"), _("Not verified"))

    class Meta(StepForm.Meta):
        fields = ["wipe_method", "passed", "duration_minutes", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wipe_method"].required = True


class CleaningForm(StepForm):
    kind = StepKind.CLEANING


class CriteriaForm(StepForm):
    kind = StepKind.CRITERIA_CHECK

    class Meta(StepForm.Meta):
        fields = ["duration_minutes", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        initial = self.instance.criteria if self.instance.pk else {}
        criteria_fields = {
            f"criterion_{key}": forms.BooleanField(
                label=label, required=False, initial=initial.get(key, False)
            )
            for key, label in REUSE_CRITERIA.items()
        }
        self.fields = {**criteria_fields, **self.fields}

    def step_data(self) -> dict:
        data = super().step_data()
        data["criteria"] = {
            key: bool(self.cleaned_data.get(f"criterion_{key}"))
            for key in REUSE_CRITERIA
        }
        return data


class PricingForm(StepForm):
    kind = StepKind.PRICING

    class Meta(StepForm.Meta):
        fields = ["price", "warranty_months", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["price"].required = True
        self.fields["warranty_months"].required = True


class SaleForm(StepForm):
    kind = StepKind.SALE

    class Meta(StepForm.Meta):
        fields = ["sold_on", "price", "notes"]
        widgets = {**StepForm.Meta.widgets, "sold_on": DateInput()}
        labels = {"price": _("sale price (EUR)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sold_on"].required = True
        self.fields["price"].required = True
        self.fields["sold_on"].initial = timezone.localdate()

    def clean_sold_on(self):
        day = self.cleaned_data.get("sold_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("The sale date lies in the future."))
        return day


class PartsHarvestForm(StepForm):
    kind = StepKind.PARTS_HARVEST

    class Meta(StepForm.Meta):
        fields = ["harvested_parts", "duration_minutes", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["harvested_parts"].required = True


class RecyclingForm(StepForm):
    kind = StepKind.RECYCLING

    class Meta(StepForm.Meta):
        fields = ["weee_stream", "notes"]
        help_texts = {"weee_stream": _("e.g. Recupel – small household appliances")}


STEP_FORMS: dict[str, type[StepForm]] = {
    form.kind: form
    for form in (
        TriageForm,
        SafetyTestForm,
        FunctionalTestForm,
        RepairForm,
        DataWipeForm,
        CleaningForm,
        CriteriaForm,
        PricingForm,
        SaleForm,
        PartsHarvestForm,
        RecyclingForm,
    )
}


def initial_from(step: Step) -> dict:
    """Form values of an existing step, to start a correction from."""
    form_class = STEP_FORMS[step.kind]
    data = {name: getattr(step, name) for name in form_class._meta.fields}
    for key in REUSE_CRITERIA:
        data[f"criterion_{key}"] = bool(step.criteria.get(key))
    if "passed" in data and data["passed"] is not None:
        data["passed"] = "true" if data["passed"] else "false"
    for fk in ("repairer", "supervisor", "trainee"):
        if fk in data and data[fk] is not None:
            data[fk] = data[fk].pk
    return data
