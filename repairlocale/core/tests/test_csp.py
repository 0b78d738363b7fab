"""A strict Content-Security-Policy, and templates that can live with it."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]
TEMPLATES = ROOT / "templates"
# The project's templates and every app's own templates folder.
TEMPLATE_FILES = sorted(
    [*TEMPLATES.rglob("*.html"), *ROOT.glob("repairlocale/*/templates/**/*.html")]
)


@pytest.mark.django_db
def test_pages_send_a_strict_policy(client):
    policy = client.get(reverse("accounts:login"))["Content-Security-Policy"]
    directives = {
        part.split()[0]: part.split()[1:] for part in policy.split("; ") if part
    }
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


@pytest.mark.parametrize(
    "path",
    TEMPLATE_FILES,
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_templates_have_no_inline_scripts_or_styles(path):
    html = path.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script>"
    assert "<style" not in html, "<style> element"
    assert not re.search(r"\sstyle=", html), "style= attribute"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"
