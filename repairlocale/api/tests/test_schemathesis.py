"""schemathesis (its CLI, as STACK.md says) against a live server, with a token.

Bounded: a few examples per operation and a fixed seed, so it runs in the normal
suite; it asserts no server error and that every answer matches the schema
(status codes, content types, bodies).
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from repairlocale.api.tests.factories import RepairRecordFactory, token_for

pytestmark = pytest.mark.django_db(transaction=True)

CLI = shutil.which("schemathesis") or str(Path(sys.executable).parent / "schemathesis")
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
    ]
)


def test_schemathesis_finds_no_server_error_and_no_schema_mismatch(
    live_server, personas, tmp_path
):
    from repairlocale.reuse.services import step_record
    from repairlocale.reuse.tests.factories import ApplianceFactory, ReuseCentreFactory

    ReuseCentreFactory(organisation=personas.rad, code_prefix="RAD", next_number=2)
    appliance = ApplianceFactory(organisation=personas.rad, code="RAD-000001")
    step_record(
        appliance=appliance,
        kind="triage",
        performed_by=personas.editor,
        data={"rejection_reasons": []},
    )
    RepairRecordFactory(organisation=personas.rad)
    token = token_for(personas.coordinator)
    result = subprocess.run(
        [
            CLI,
            "run",
            live_server.url + reverse("api:schema"),
            "--header",
            f"Authorization: Bearer {token}",
            "--checks",
            CHECKS,
            "--max-examples",
            "4",
            "--seed",
            "20261127",
            "--workers",
            "1",
            "--phases",
            "examples,coverage,fuzzing",
            "--request-timeout",
            "10",
            "--max-time",
            "30",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
