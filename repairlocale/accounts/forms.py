"""Forms for a person's own account."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _


class ProfileForm(forms.ModelForm):
    # The e-mail address is where a password reset goes: whoever changes it owns
    # the account. So a new address needs the password too, and whoever finds a
    # workshop PC still logged in cannot take the account with it.
    current_password = forms.CharField(
        label=_("Current password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Needed only to change your e-mail address."),
    )

    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name", "email", "preferred_language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.previous_email = self.instance.email

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip()

    @property
    def email_changed(self) -> bool:
        email = self.cleaned_data.get("email") or ""
        return email.casefold() != (self.previous_email or "").casefold()

    def clean(self):
        cleaned = super().clean()
        if "email" not in cleaned or not self.email_changed:
            return cleaned
        if not self.instance.check_password(cleaned.get("current_password") or ""):
            # Checked first, so that only the account's owner learns below whether
            # an address is taken.
            self.add_error(
                "current_password",
                _("Enter your current password to change your e-mail address."),
            )
            return cleaned
        clash = (
            get_user_model()
            .objects.filter(email__iexact=cleaned["email"])
            .exclude(pk=self.instance.pk)
            .exists()
        )
        if clash:
            self.add_error(
                "email", _("This email address is already used by another account.")
            )
        return cleaned

    def validate_unique(self) -> None:
        # Without the password, not even the model's own check may say that an
        # address is taken.
        if self.has_error("current_password"):
            return
        super().validate_unique()
