"""Safety net: every model change has its migration."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_there_are_no_pending_migrations():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit:  # pragma: no cover - the failure path
        pytest.fail("Pending migrations:\n" + out.getvalue())
