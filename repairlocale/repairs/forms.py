"""Forms of Repair Café logging: an event, and the fast entry form for its devices."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from repairlocale.core.forms import DateInput
from repairlocale.network.models import Organisation, Site
from repairlocale.repairs.models import (
    BARRIER_DETAIL_TO_ORDS,
    BarrierDetail,
    ProductCategory,
    RepairBarrier,
    RepairEvent,
    RepairRecord,
    RepairStatus,
)
from repairlocale.repairs.services import (
    ENTRY_FIELDS,
    EVENT_FIELDS,
    MAX_ENTRIES_AT_ONCE,
)

# An age typed next to a year may be off by one: the item was bought late in the
# year, or the event is early in the year.
AGE_TOLERANCE_YEARS = 1
MAX_AGE_YEARS = 150  # antique clocks; ORDS files hold ages up to 150


def categories_for_language():
    """The 40 ORDS categories, sorted by their name in the current language."""
    english = (get_language() or "").startswith("en")
    return ProductCategory.objects.order_by("name_en" if english else "name_nl")


class RepairEventForm(forms.ModelForm):
    class Meta:
        model = RepairEvent
        fields = list(EVENT_FIELDS)
        widgets = {
            "date": DateInput(),
            "volunteers": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "visitors": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "place": _("Where the café met, if not at one of its sites."),
            "visitors": _("People who brought an item or came along."),
        }

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["site"].queryset = Site.objects.filter(
            organisation=organisation, is_active=True
        ).order_by("name")
        if not self.instance.pk:
            self.initial.setdefault("date", timezone.localdate())

    def event_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in EVENT_FIELDS}


class CategoryField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=ProductCategory.objects.none(),
            label=capfirst(_("product category (ORDS)")),
            empty_label=_("Choose a category"),
            **kwargs,
        )


class CategoryForm(forms.Form):
    """The category select alone: what the suggester sends back while one types."""

    product_category = CategoryField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product_category"].queryset = categories_for_language()


class RepairEntryForm(forms.ModelForm):
    """One device, or several identical ones, logged in seconds on a phone.

    ``event`` is the event the entry belongs to (its date bounds the year, its café
    lists the repairers). ``with_quantity=False`` for editing a single entry.
    """

    # Shown in a collapsed "more details" block unless one of them needs attention.
    DETAIL_FIELDS = ("brand", "model", "year_of_manufacture", "product_age")

    product_category = CategoryField()
    quantity = forms.IntegerField(
        label=capfirst(_("number of identical items")),
        min_value=1,
        max_value=MAX_ENTRIES_AT_ONCE,
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    class Meta:
        model = RepairRecord
        fields = [
            "item_type",
            "product_category",
            "repair_status",
            "repair_barrier",
            "barrier_detail",
            "next_steps",
            "problem",
            "repairer",
            "trainee",
            "brand",
            "model",
            "year_of_manufacture",
            "product_age",
            "spare_parts",
        ]
        labels = {"repair_barrier": capfirst(_("barrier (ORDS)"))}
        help_texts = {
            "barrier_detail": _("Or a more precise reason; it counts as its barrier."),
            "product_age": _("If the year is unknown."),
        }
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 2}),
            "year_of_manufacture": forms.NumberInput(
                attrs={"inputmode": "numeric", "placeholder": "2015"}
            ),
            "product_age": forms.NumberInput(
                attrs={"inputmode": "decimal", "step": "0.5"}
            ),
        }

    def __init__(
        self, *args, event: RepairEvent, with_quantity: bool = True, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        if not with_quantity:
            del self.fields["quantity"]
        self.fields["product_category"].queryset = categories_for_language()
        self.fields["repair_status"].choices = [
            ("", _("Choose the result")),
            *RepairStatus.choices,
        ]
        current = self.instance.repairer_id
        self.fields["repairer"].queryset = (
            get_user_model()
            .objects.filter(
                Q(memberships__organisation=event.organisation) | Q(pk=current or 0)
            )
            .distinct()
            .order_by("first_name", "last_name", "username")
        )
        self.fields["repairer"].empty_label = _("Unknown")
        from repairlocale.training.selectors import (
            organisation_has_trainees,
            trainees_for_evidence,
        )

        self.fields["trainee"].queryset = trainees_for_evidence(
            event.organisation, include_pk=self.instance.trainee_id
        )
        # Most cafés have no trainees: then the field is not shown (no query).
        self.show_trainee = bool(self.instance.trainee_id) or organisation_has_trainees(
            event.organisation
        )
        item_type = self.fields["item_type"].widget
        item_type.attrs.update(
            {
                "autocomplete": "off",
                "placeholder": _("e.g. koffiezetapparaat"),
                # Typing the item proposes its ORDS category (an HTMX fragment).
                "hx-get": reverse("repairs:category_suggest"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#category-field",
                "hx-swap": "innerHTML",
                "hx-include": "#id_product_category",
                "hx-sync": "this:replace",
            }
        )
        self.fields["repair_status"].widget.attrs["data-entry-status"] = ""

    @property
    def details_open(self) -> bool:
        """Open the "more details" block when one of its fields has a value or error."""
        return any(
            self[name].errors or self[name].value() not in (None, "")
            for name in self.DETAIL_FIELDS
        )

    def clean_year_of_manufacture(self) -> int | None:
        year = self.cleaned_data.get("year_of_manufacture")
        if year is None:
            return None
        if year > timezone.localdate().year:
            raise forms.ValidationError(
                _("The year of manufacture lies in the future.")
            )
        if year < 1000:
            raise forms.ValidationError(
                _("Enter the year with four digits, e.g. 2015.")
            )
        if year > self.event.date.year:
            raise forms.ValidationError(
                _("The item cannot have been made after the event (%(year)s).")
                % {"year": self.event.date.year}
            )
        return year

    def clean_product_age(self) -> Decimal | None:
        age = self.cleaned_data.get("product_age")
        if age is not None and not 0 <= age <= MAX_AGE_YEARS:
            raise forms.ValidationError(
                _("Enter an age between 0 and %(max)s years.") % {"max": MAX_AGE_YEARS}
            )
        return age

    def clean(self) -> dict:
        cleaned = super().clean()
        status = cleaned.get("repair_status")
        barrier = cleaned.get("repair_barrier")
        detail = cleaned.get("barrier_detail")
        if status == RepairStatus.END_OF_LIFE:
            if not barrier and not detail:
                self.add_error(
                    "repair_barrier",
                    _(
                        "Why is the item at its end of life? Choose a barrier or a "
                        "more precise reason."
                    ),
                )
            elif barrier and detail and BARRIER_DETAIL_TO_ORDS[detail] != barrier:
                self.add_error(
                    "barrier_detail",
                    _(
                        "“%(reason)s” counts as “%(barrier)s”; choose that barrier "
                        "or leave the barrier empty."
                    )
                    % {
                        "reason": BarrierDetail(detail).label,
                        "barrier": RepairBarrier(BARRIER_DETAIL_TO_ORDS[detail]).label,
                    },
                )
        elif status:
            # Hidden on the page for other results: drop what is left in them.
            cleaned["repair_barrier"] = ""
            cleaned["barrier_detail"] = ""
        if status and status != RepairStatus.REPAIRABLE:
            cleaned["next_steps"] = ""

        year = cleaned.get("year_of_manufacture")
        age = cleaned.get("product_age")
        if year is not None and age is not None:
            expected = self.event.date.year - year
            if abs(expected - age) > AGE_TOLERANCE_YEARS:
                self.add_error(
                    "product_age",
                    _(
                        "An item made in %(year)s was %(expected)s years old at the "
                        "event, not %(age)s. Correct the year or the age."
                    )
                    % {
                        "year": year,
                        "expected": expected,
                        "age": format(age.normalize(), "f"),
                    },
                )
        return cleaned

    def entry_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in ENTRY_FIELDS}
