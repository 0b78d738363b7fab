"""Form pieces shared by every app."""

from django import forms


class DateInput(forms.DateInput):
    """The browser's date picker; its value must be ISO (YYYY-MM-DD)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
