"""One error body everywhere: {"errors": [{"code", "detail", "attr"}]}."""

import pytest
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from rest_framework import exceptions

from repairlocale.api.exceptions import error_body, exception_handler

pytestmark = pytest.mark.django_db


def _assert_shape(body):
    assert set(body) == {"errors"}
    assert body["errors"]
    for error in body["errors"]:
        assert set(error) == {"code", "detail", "attr"}


def test_unknown_api_paths_answer_404_in_the_same_shape(api, personas):
    response = api(personas.viewer).get("/api/v1/does-not-exist/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    _assert_shape(response.json())
    assert response.json()["errors"][0]["code"] == "not_found"


def test_wrong_methods_answer_405(api, personas):
    response = api(personas.viewer).delete(reverse("api:hub-list"))
    assert response.status_code == 405
    _assert_shape(response.json())
    assert response.json()["errors"][0]["code"] == "method_not_allowed"


def test_malformed_json_answers_400(api, personas):
    response = api(personas.editor).post(
        reverse("api:appliance-list"), "{nope", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "parse_error"


def test_filter_errors_name_their_parameter(api, personas):
    response = api(personas.viewer).get(
        reverse("api:appliance-list"), {"status": "lost", "organisation": "x"}
    )
    assert response.status_code == 400
    attrs = {e["attr"] for e in response.json()["errors"]}
    assert attrs == {"status", "organisation"}


def test_nested_and_service_errors_are_flattened():
    nested = exceptions.ValidationError(
        {
            "criteria": {"no_crt": ["Must be a valid boolean."]},
            "items": [{}, {"x": ["bad"]}],
        }
    )
    assert error_body(nested)["errors"] == [
        {
            "code": "invalid",
            "detail": "Must be a valid boolean.",
            "attr": "criteria.no_crt",
        },
        {"code": "invalid", "detail": "bad", "attr": "items.1.x"},
    ]
    response = exception_handler(
        DjangoValidationError("Do the visual triage first.", code="step_refused"), {}
    )
    assert response.status_code == 400
    assert response.data == {
        "errors": [
            {
                "code": "step_refused",
                "detail": "Do the visual triage first.",
                "attr": None,
            }
        ]
    }
