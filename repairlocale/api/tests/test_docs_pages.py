"""The API guide, Swagger UI and Redoc: our own static files, under the strict
Content-Security-Policy, Dutch first."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


@pytest.mark.parametrize(
    "path", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: p.name
)
def test_templates_have_no_inline_scripts_or_styles(path):
    html = path.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script>"
    assert "<style" not in html, "<style> element"
    assert not re.search(r"\sstyle=", html), "style= attribute"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"


def _policy(response):
    return {
        part.split()[0]: part.split()[1:]
        for part in response["Content-Security-Policy"].split("; ")
        if part
    }


@pytest.mark.parametrize("name", ["api:docs", "api:redoc"])
def test_the_docs_load_their_scripts_from_our_static_files(client, name):
    response = client.get(reverse(name))
    html = response.content.decode()
    scripts = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", html)
    assert scripts and all(src.startswith("/static/") for src in scripts)
    assert "drf_spectacular_sidecar" in scripts[0]
    assert "http://" not in html and "https://" not in html  # no CDN, no fonts
    policy = _policy(response)
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_redoc_styles_are_allowed_by_this_responses_nonce_only(client):
    first, second = client.get(reverse("api:redoc")), client.get(reverse("api:redoc"))
    nonce = re.search(r'data-style-nonce="([^"]+)"', first.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in _policy(first)["style-src"]
    assert f"'nonce-{nonce}'" not in _policy(second)["style-src"]
    assert _policy(client.get(reverse("api:docs")))["style-src"] == ["'self'"]


def test_the_guide_is_dutch_first_and_english_too(client, personas):
    url = reverse("api:index")
    dutch = client.get(url).content.decode()
    assert "Authenticatie" in dutch
    assert "Authorization: Bearer" in dutch
    assert "http://testserver/api/v1/organisations/" in dutch  # a curl example
    client.cookies["repairlocale_language"] = "en"
    english = client.get(url).content.decode()
    assert "Authentication" in english


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("name", "ready"),
    [("api:docs", ".swagger-ui .info .title"), ("api:redoc", "h1")],
)
def test_swagger_ui_and_redoc_run_under_the_policy(page, live_server, name, ready):
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))

    def console(message):
        # Redoc's footer links a logo on redoc.ly: blocked, and hidden on error.
        if message.type == "error" and "cdn.redoc.ly" not in message.text:
            problems.append(message.text)

    page.on("console", console)
    outside = []
    page.on(
        "response",
        lambda r: (
            outside.append(r.url)
            if r.url.startswith("http") and not r.url.startswith(live_server.url)
            else None
        ),
    )
    page.goto(live_server.url + reverse(name))
    page.wait_for_selector(ready, timeout=20_000)
    assert "Repair Locale API" in page.locator(ready).first.inner_text()
    page.wait_for_timeout(500)
    assert problems == []
    assert outside == []
