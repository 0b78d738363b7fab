"""The OpenAPI schema validates without a single warning, and is public."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_schema_validates_without_warnings(tmp_path):
    out = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    text = out.read_text()
    assert "/api/v1/appliances/{appliance_code}/steps/" in text
    assert "apiToken" in text


def test_the_schema_is_served_to_anyone(client):
    response = client.get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["components"]["securitySchemes"]["apiToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "A personal API token (rl_…), created in your profile.",
    }
    errors = schema["paths"]["/api/v1/appliances/"]["post"]["responses"]
    assert {"201", "400", "401", "403"} <= set(errors)
    assert errors["400"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
