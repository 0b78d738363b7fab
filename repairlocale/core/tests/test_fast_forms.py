"""``{% fast_fields %}`` gives what ``{{ form|crispy }}`` gave, field for field.

Both renderings of every workshop step form (and the photo form) are parsed and
compared on what a browser, a script or a screen reader uses: the controls with their
names, types, ids, values, checked and required states and validity; the labels and
legends with their targets; the error messages and help texts.
"""

from html.parser import HTMLParser

import pytest
from django.template import Context, Template

from repairlocale.reuse.forms import STEP_FORMS, PhotoAddForm

pytestmark = pytest.mark.django_db

CONTROLS = {"input", "select", "textarea", "option"}


class Outline(HTMLParser):
    """What matters of a rendered form, independent of whitespace and wrappers."""

    def __init__(self):
        super().__init__()
        self.controls = []
        self.labels = []
        self.texts = {"invalid-feedback": [], "form-text": [], "legend": []}
        self._collect = []  # (key, buffer) of open text collectors
        self._label = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        if tag in CONTROLS:
            self.controls.append(
                (
                    tag,
                    attrs.get("name"),
                    attrs.get("type"),
                    attrs.get("id"),
                    attrs.get("value"),
                    "checked" in attrs or "selected" in attrs,
                    "required" in attrs,
                    "is-invalid" in classes,
                )
            )
        if tag == "label":
            self._label = [attrs.get("for"), []]
        for key in ("invalid-feedback", "form-text"):
            if key in classes:
                self._collect.append((key, tag, []))
        if tag == "legend":
            self._collect.append(("legend", tag, []))

    def handle_endtag(self, tag):
        if tag == "label" and self._label:
            self.labels.append(
                (self._label[0], " ".join("".join(self._label[1]).split()))
            )
            self._label = None
        if self._collect and self._collect[-1][1] == tag:
            key, _, buffer = self._collect.pop()
            self.texts[key].append(" ".join("".join(buffer).split()))

    def handle_data(self, data):
        if self._label:
            self._label[1].append(data)
        for _, _, buffer in self._collect:
            buffer.append(data)


def _outline(html):
    parser = Outline()
    parser.feed(html)
    return parser


def _both(make_form):
    crispy = Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(
        Context({"form": make_form()})
    )
    fast = Template("{% load fast_forms %}{% fast_fields form %}").render(
        Context({"form": make_form()})
    )
    return _outline(crispy), _outline(fast)


INVALID = {
    "passed": "maybe",
    "rejection_reasons": ["no-such-criterion"],
    "duration_minutes": "-5",
    "earth_resistance_ohm": "abc",
    "price": "x",
    "warranty_months": "-1",
    "sold_on": "31/31/2026",
    "repair_outcome": "nonsense",
    "notes": "<script>alert(1)</script>",
}


@pytest.mark.parametrize("kind", sorted(STEP_FORMS))
@pytest.mark.parametrize("bound", [False, True], ids=["empty", "invalid"])
def test_every_step_form_renders_the_same_controls_labels_and_messages(
    personas, kind, bound
):
    form_class = STEP_FORMS[kind]

    def make_form():
        form = form_class(INVALID if bound else None, organisation=personas.rad)
        if bound:
            form.is_valid()
        return form

    crispy, fast = _both(make_form)
    assert crispy.controls, "the form has controls"
    assert fast.controls == crispy.controls
    assert fast.labels == crispy.labels
    assert fast.texts == crispy.texts
    if bound and kind == "safety_test":
        # This form takes several of the invalid values: its errors are shown.
        assert len(fast.texts["invalid-feedback"]) >= 3


def test_the_photo_form_renders_the_same_controls():
    crispy, fast = _both(PhotoAddForm)
    assert fast.controls == crispy.controls
    assert fast.labels == crispy.labels


def test_values_and_messages_are_escaped(personas):
    form = STEP_FORMS["cleaning"](
        {"duration_minutes": "<b>", "notes": '"><script>x</script>'},
        organisation=personas.rad,
    )
    form.is_valid()
    html = Template("{% load fast_forms %}{% fast_fields form %}").render(
        Context({"form": form})
    )
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
