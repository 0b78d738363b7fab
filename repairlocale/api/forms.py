"""The form to create a personal API token."""

from django import forms
from django.utils.translation import gettext_lazy as _

from repairlocale.api.models import ApiToken


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name", "can_write"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["name"].widget.attrs["autocomplete"] = "off"

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if self.user.api_tokens.active().filter(name__iexact=name).exists():
            raise forms.ValidationError(_("You already have a token with this name."))
        return name
