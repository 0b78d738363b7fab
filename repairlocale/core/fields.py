"""Model fields shared by every app."""

from django.db import models
from django.forms import URLField


class HttpsURLField(models.URLField):
    """A URL field whose form adds https:// (not http://) when the scheme is missing.

    People type "kringwinkel.be"; every partner website is served over HTTPS. This is
    also Django 6's default, so nothing changes when we upgrade.
    """

    def formfield(self, **kwargs):
        return super().formfield(
            **{"form_class": URLField, "assume_scheme": "https", **kwargs}
        )
