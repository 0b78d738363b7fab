import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded photos go to a temporary folder, never into the checkout."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
