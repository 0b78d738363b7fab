"""The filters of the network-wide audit log."""

from __future__ import annotations

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from repairlocale.audit.permissions import Scope
from repairlocale.audit.registry import AUDITED
from repairlocale.network.models import Organisation


class LogFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("What"), required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("All"),
    )
    user = forms.CharField(
        label=_("Changed by"),
        required=False,
        max_length=150,
        help_text=_("User name or part of the name"),
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, scope: Scope, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            ("", _("All")),
            *[
                (audited.key, capfirst(audited.verbose_name_plural))
                for audited in AUDITED
                if scope.may_read_any(audited)
            ],
        ]
        organisations = Organisation.objects.only("pk", "name")
        if not scope.everything:
            organisations = organisations.filter(
                pk__in=scope.organisation_ids
            ) | organisations.filter(trainees__pk__in=scope.trainee_ids)
        self.fields["organisation"].queryset = organisations.distinct().order_by("name")

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("This date lies before the start date."))
        return data
