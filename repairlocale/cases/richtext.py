"""Rich text in cases: a small set of tags, cleaned with nh3 on every write."""

from __future__ import annotations

import html
import re

import nh3
from django.utils.html import linebreaks

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "a", "h3", "h4",
    "blockquote",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
_TAG = re.compile(r"<[a-zA-Z/!][^>]*>")


def sanitise(value: str) -> str:
    """HTML safe to show as is: no script, no style, no event handlers, no js: links.

    Plain text (no tags at all) keeps its paragraphs: it is escaped and turned into
    ``<p>``/``<br>`` first.
    """
    value = (value or "").strip()
    if not value:
        return ""
    if not _TAG.search(value):
        value = linebreaks(value, autoescape=True)
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def to_plain_text(value: str) -> str:
    """The words of sanitised HTML, for the search index."""
    text = nh3.clean(value or "", tags=set())
    return " ".join(html.unescape(text).split())
