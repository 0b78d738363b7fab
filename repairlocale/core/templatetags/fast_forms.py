"""Bootstrap 5 form fields rendered in Python, for the forms of the busiest pages.

``{{ form|crispy }}`` renders every field through a dozen nested templates; on the
appliance fiche (the page a workshop opens after every scan) that was a third of the
request. ``{% fast_fields form %}`` writes the same Bootstrap 5 markup as the
crispy-forms bootstrap5 pack for the widgets those forms use (text, number, date,
textarea, select, checkbox, radio buttons and checkbox lists): the same ids, classes,
labels, required marks, help texts and error messages, so scripts, styles and
assistive technology see no difference. Other widgets fall back to the widget's own
rendering with ``form-control``.
"""

from __future__ import annotations

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_CHOICE_LISTS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


def _label(field: BoundField, tag: str, css: str) -> SafeString:
    if not field.label:
        return mark_safe("")
    required = field.field.required
    css = f"{css} requiredField" if required else css
    star = mark_safe('<span class="asteriskField">*</span>') if required else ""
    if tag == "legend":
        return format_html('<legend class="{}">{}{}</legend>', css, field.label, star)
    return format_html(
        '<label for="{}" class="{}">{}{}</label>',
        field.id_for_label,
        css,
        field.label,
        star,
    )


def _errors(field: BoundField, *, block: bool = False) -> SafeString:
    if not field.errors:
        return mark_safe("")
    auto_id = field.auto_id
    return format_html(
        '<div id="{}_error" class="invalid-feedback{}">{}</div>',
        auto_id,
        " d-block" if block else "",
        format_html_join(
            "",
            '<p id="error_{}_{}"><strong>{}</strong></p>',
            ((n, auto_id, error) for n, error in enumerate(field.errors, start=1)),
        ),
    )


def _help(field: BoundField) -> SafeString:
    if not field.help_text:
        return mark_safe("")
    return format_html(
        '<div id="{}_helptext" class="form-text">{}</div>',
        field.auto_id,
        field.help_text,
    )


def _widget(field: BoundField, css: str) -> SafeString:
    """The widget with the Bootstrap classes added once (Django adds aria-invalid
    and the help text's aria-describedby itself)."""
    existing = field.field.widget.attrs.get("class", "").split()
    classes = existing + [c for c in css.split() if c not in existing]
    if field.errors and "is-invalid" not in classes:
        classes.append("is-invalid")
    attrs = {"class": " ".join(classes)}
    if field.errors:
        attrs["aria-describedby"] = f"{field.auto_id}_error"
    return field.as_widget(attrs=attrs)


def _choice_list(field: BoundField) -> SafeString:
    widget = field.field.widget
    # CheckboxSelectMultiple is a subclass of RadioSelect.
    multiple = isinstance(widget, forms.CheckboxSelectMultiple)
    input_type = "checkbox" if multiple else "radio"
    invalid = " is-invalid" if field.errors else ""
    required = input_type == "radio" and field.field.required
    options = format_html_join(
        "",
        '<div class="form-check"><input type="{}" class="form-check-input{}" '
        'name="{}" value="{}" id="{}"{}{}{}>'
        '<label for="{}" class="form-check-label">{}</label></div>',
        (
            (
                input_type,
                invalid,
                option.data["name"],
                option.data["value"],
                option.id_for_label,
                mark_safe(" checked") if option.data["selected"] else "",
                mark_safe(" required") if required else "",
                mark_safe(' aria-invalid="true"') if field.errors else "",
                option.id_for_label,
                option.data["label"],
            )
            for option in field.subwidgets
        ),
    )
    ids = [f"{field.auto_id}_helptext"] if field.help_text else []
    ids += [f"{field.auto_id}_error"] if field.errors else []
    described = format_html(' aria-describedby="{}"', " ".join(ids)) if ids else ""
    return format_html(
        '<div id="div_id_{}" class="mb-3"><fieldset{}>{}<div>{}</div>{}{}</fieldset>'
        "</div>",
        field.html_name,
        described,
        _label(field, "legend", "form-label fs-6"),
        options,
        _errors(field, block=True),
        _help(field),
    )


def _checkbox(field: BoundField) -> SafeString:
    return format_html(
        '<div class="mb-3"><div id="div_id_{}" class="form-check">{}{}{}{}</div></div>',
        field.html_name,
        _widget(field, "checkboxinput form-check-input"),
        _label(field, "label", "form-check-label"),
        _errors(field),
        _help(field),
    )


def _input(field: BoundField) -> SafeString:
    widget = field.field.widget
    if isinstance(widget, forms.Select):
        css = "select form-select"
    elif isinstance(widget, forms.Textarea):
        css = "textarea form-control"
    else:
        kind = getattr(widget, "input_type", None) or "text"
        css = f"{kind}input form-control"
    return format_html(
        '<div id="div_id_{}" class="mb-3">{}{}{}{}</div>',
        field.html_name,
        _label(field, "label", "form-label"),
        _widget(field, css),
        _errors(field),
        _help(field),
    )


def render_field(field: BoundField) -> SafeString:
    widget = field.field.widget
    if isinstance(widget, _CHOICE_LISTS):
        return _choice_list(field)
    if isinstance(widget, forms.CheckboxInput):
        return _checkbox(field)
    return _input(field)


@register.simple_tag
def fast_fields(form: forms.BaseForm) -> SafeString:
    """Every field of ``form``: hidden ones first, then the visible ones in order."""
    hidden = format_html_join("", "{}", ((field,) for field in form.hidden_fields()))
    visible = format_html_join(
        "", "{}", ((render_field(field),) for field in form.visible_fields())
    )
    return format_html("{}{}", hidden, visible)


@register.simple_tag
def fast_field(field: BoundField) -> SafeString:
    """One field, as ``{{ field|as_crispy_field }}`` would render it."""
    return render_field(field)
