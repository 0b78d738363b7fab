"""Forms for a person's own account."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _


class ProfileForm(forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name", "email", "preferred_language"]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        clash = (
            get_user_model()
            .objects.filter(email__iexact=email)
            .exclude(pk=self.instance.pk)
            .exists()
        )
        if clash:
            raise forms.ValidationError(
                _("This email address is already used by another account.")
            )
        return email
