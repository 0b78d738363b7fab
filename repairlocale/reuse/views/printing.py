"""Printed paper of the hergebruikfiche: labels, pre-printed sheets, the fiche PDF.

Every label carries the centre's name, the code and a QR code of the permanent URL
/a/<code>/; the fiche PDF holds every field the decree of 2017 asks for.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from repairlocale.network.models import Membership, Organisation
from repairlocale.network.permissions import organisation_role
from repairlocale.reuse.labels import (
    DEFAULT_GRID,
    DEFAULT_SHEET_GRID,
    GRIDS,
    LabelGrid,
    grid_choices,
    paginate_labels,
    permanent_url,
    qr_svg,
)
from repairlocale.reuse.models import (
    REUSE_CRITERIA,
    Appliance,
    ApplianceStatus,
    ReservedCode,
    Step,
    StepKind,
)
from repairlocale.reuse.pdf import render_pdf
from repairlocale.reuse.permissions import get_appliance_for_user, get_centre_for_user
from repairlocale.reuse.services import codes_reserve

MAX_LABELS = 500
K = StepKind


class PrintError(Exception):
    """A print request that cannot be honoured; the message is shown as is."""


@dataclass(frozen=True)
class Label:
    code: str
    centre_name: str
    device: str
    url: str
    qr: str


def _label(code: str, centre: Organisation, device: str = "") -> Label:
    url = permanent_url(code)
    return Label(code, centre.name, device, url, qr_svg(url))


def _grid(request: HttpRequest, default: str) -> LabelGrid:
    key = request.GET.get("grid") or default
    if key not in GRIDS:
        raise PrintError(
            _("Unknown label sheet “%(grid)s”. Choose one of: %(choices)s.")
            % {"grid": key, "choices": ", ".join(GRIDS)}
        )
    return GRIDS[key]


def _labels_pdf(request: HttpRequest, labels: list[Label], grid: LabelGrid) -> bytes:
    code_length = max((len(label.code) for label in labels), default=10)
    return render_pdf(
        "reuse/pdf/labels.html",
        {"sheets": paginate_labels(labels, grid.per_page), "grid": grid},
        request,
        css=grid.css(code_length=code_length),
    )


def _pdf_response(
    pdf: bytes, filename: str, *, attachment: bool = False
) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    return response


def _error(request: HttpRequest, message: str, centre: Organisation) -> HttpResponse:
    return render(
        request,
        "reuse/print_error.html",
        {"message": message, "centre": centre},
        status=400,
    )


@login_required
def appliance_label(request: HttpRequest, code: str) -> HttpResponse:
    """One appliance's label; ``?grid=`` picks the stock (default: label printer)."""
    appliance = get_appliance_for_user(request, code.strip())
    try:
        grid = _grid(request, DEFAULT_GRID)
    except PrintError as exc:
        return _error(request, str(exc), appliance.organisation)
    label = _label(appliance.code, appliance.organisation, appliance.device_name)
    pdf = _labels_pdf(request, [label], grid)
    return _pdf_response(pdf, f"{appliance.code}-label.pdf")


def _appliances_to_label(request: HttpRequest, centre: Organisation) -> list[Appliance]:
    """The appliances named by ``?codes=`` (in that order) or a queue's ``?status=``."""
    raw = request.GET.get("codes", "")
    codes = list(dict.fromkeys(c.strip().upper() for c in raw.split(",") if c.strip()))
    status = request.GET.get("status", "")
    too_many = _("Print at most %(max)d labels at a time (you asked for %(count)d).")
    if codes:
        if len(codes) > MAX_LABELS:
            raise PrintError(too_many % {"max": MAX_LABELS, "count": len(codes)})
        found = {
            a.code: a
            for a in Appliance.objects.filter(organisation=centre, code__in=codes)
        }
        missing = [c for c in codes if c not in found]
        if missing:
            raise PrintError(
                _("Not appliances of this centre: %(codes)s.")
                % {
                    "codes": ", ".join(missing[:10])
                    + (" …" if len(missing) > 10 else "")
                }
            )
        return [found[c] for c in codes]
    if status:
        if status not in ApplianceStatus.values:
            raise PrintError(_("Unknown queue “%(status)s”.") % {"status": status})
        queue = Appliance.objects.filter(organisation=centre, status=status)
        site = request.GET.get("site", "")
        if site.isdigit():
            queue = queue.filter(site_id=int(site))
        count = queue.count()
        if count > MAX_LABELS:
            raise PrintError(too_many % {"max": MAX_LABELS, "count": count})
        if count == 0:
            raise PrintError(_("This queue is empty: there is nothing to print."))
        return list(queue.order_by("intake_date", "pk"))
    raise PrintError(_("Choose what to print: a list of codes or a work queue."))


@login_required
def centre_labels(request: HttpRequest, pk: int) -> HttpResponse:
    """A sheet of labels: ``?codes=RAD-000001,RAD-000002`` or ``?status=<queue>``."""
    centre = get_centre_for_user(request, pk)
    try:
        grid = _grid(request, DEFAULT_SHEET_GRID)
        appliances = _appliances_to_label(request, centre)
    except PrintError as exc:
        return _error(request, str(exc), centre)
    labels = [_label(a.code, centre, a.device_name) for a in appliances]
    pdf = _labels_pdf(request, labels, grid)
    return _pdf_response(pdf, f"labels-{appliances[0].code}.pdf")


class PreprintForm(forms.Form):
    """How many codes to reserve, on which label stock."""

    count = forms.IntegerField(
        label=gettext_lazy("number of labels"),
        min_value=1,
        max_value=MAX_LABELS,
        initial=21,
        error_messages={
            "max_value": gettext_lazy("Print at most %(limit_value)s labels at a time.")
        },
    )
    grid = forms.ChoiceField(
        label=gettext_lazy("label sheet"),
        choices=grid_choices,
        initial=DEFAULT_SHEET_GRID,
    )


@login_required
def preprinted(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the form. POST (editors): reserve fresh codes, return their label sheet."""
    centre = get_centre_for_user(request, pk, write=request.method == "POST")
    form = PreprintForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reserved = codes_reserve(
                organisation=centre, count=form.cleaned_data["count"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            grid = GRIDS[form.cleaned_data["grid"]]
            labels = [_label(r.code, centre) for r in reserved]
            pdf = _labels_pdf(request, labels, grid)
            # An attachment: the browser stays on the form, so a reload cannot
            # reserve a second batch by re-posting.
            return _pdf_response(
                pdf, f"{reserved[0].code}_{reserved[-1].code}.pdf", attachment=True
            )
    role = organisation_role(request.user, centre)
    return render(
        request,
        "reuse/preprinted.html",
        {
            "centre": centre,
            "form": form,
            "can_edit": role is not None and role >= Membership.Role.EDITOR,
            "unclaimed": ReservedCode.objects.filter(
                centre__organisation=centre, claimed_at__isnull=True
            ).count(),
        },
        status=422 if form.errors else 200,
    )


# --- The hergebruikfiche as PDF ---------------------------------------------------

# Per step kind: the label of ``passed`` and its two values.
RESULTS = {
    K.TRIAGE: (gettext_lazy("Accepted"), gettext_lazy("Rejected")),
    K.SAFETY_TEST: (gettext_lazy("Passed"), gettext_lazy("Failed")),
    K.FUNCTIONAL_TEST: (gettext_lazy("Works"), gettext_lazy("Does not work")),
    K.DATA_WIPE: (gettext_lazy("Verified"), gettext_lazy("Not verified")),
    K.CRITERIA_CHECK: (
        gettext_lazy("All re-use criteria met"),
        gettext_lazy("Not all re-use criteria met"),
    ),
}

# The measurements and findings of each step kind, in the order printed.
STEP_FIELDS: dict[str, list[str]] = {
    K.TRIAGE: ["rejection_reasons", "defects"],
    K.SAFETY_TEST: [
        "earth_resistance_ohm",
        "insulation_resistance_mohm",
        "leakage_current_ma",
        "instrument",
    ],
    K.FUNCTIONAL_TEST: ["defects"],
    K.REPAIR: [
        "diagnosis",
        "fault_type",
        "parts_used",
        "parts_cost",
        "repair_outcome",
        "barrier",
        "repairer",
        "supervisor",
    ],
    K.DATA_WIPE: ["wipe_method"],
    K.CLEANING: [],
    K.CRITERIA_CHECK: [],
    K.PRICING: ["price", "warranty_months"],
    K.SALE: ["sold_on", "price"],
    K.PARTS_HARVEST: ["harvested_parts"],
    K.RECYCLING: ["weee_stream"],
}


def _display(step: Step, name: str) -> str:
    """A step field as printed; empty when there is nothing to print."""
    value = getattr(step, name)
    if value in (None, "", []):
        return ""
    if name == "rejection_reasons":
        return ", ".join(step.rejection_labels)
    if getattr(Step._meta.get_field(name), "choices", None):
        return getattr(step, f"get_{name}_display")()
    if isinstance(value, Decimal):
        return formats.localize(value)
    if hasattr(value, "isoformat"):
        return formats.date_format(value, "DATE_FORMAT")
    return str(value)


def step_rows(step: Step) -> list[tuple[str, str]]:
    """The printed lines of one step: (label, value), empty fields left out."""
    rows = []
    if step.kind in RESULTS:
        good, bad = RESULTS[step.kind]
        result = "–" if step.passed is None else str(good if step.passed else bad)
        rows.append((_("Result"), result))
    for name in STEP_FIELDS.get(step.kind, []):
        value = _display(step, name)
        if value:
            rows.append((capfirst(Step._meta.get_field(name).verbose_name), value))
    if step.duration_minutes:
        rows.append((_("Duration"), _("%(n)d min") % {"n": step.duration_minutes}))
    if step.notes:
        rows.append((_("Notes"), step.notes))
    return rows


def criteria_rows(step: Step | None) -> list[tuple[str, str, str]]:
    """The nine re-use criteria: (label, answer, CSS class); a dash when unchecked."""
    rows = []
    for key, label in REUSE_CRITERIA.items():
        if step is None:
            rows.append((str(label), "–", "muted"))
        elif step.criteria.get(key):
            rows.append((str(label), _("yes"), "yes"))
        else:
            rows.append((str(label), _("no"), "no"))
    return rows


@login_required
def appliance_fiche_pdf(request: HttpRequest, code: str) -> HttpResponse:
    """The printable hergebruikfiche: the appliance and every step in order."""
    appliance = get_appliance_for_user(request, code.strip())
    steps = list(
        appliance.steps.select_related(
            "performed_by", "repairer", "supervisor", "corrects"
        ).order_by("sequence")
    )
    corrected_by = {s.corrects_id: s.sequence for s in steps if s.corrects_id}
    printed: list[dict[str, Any]] = [
        {
            "step": s,
            "rows": step_rows(s),
            "criteria": criteria_rows(s) if s.kind == K.CRITERIA_CHECK else [],
            "corrected_by": corrected_by.get(s.pk),
        }
        for s in steps
    ]
    checks = [
        s for s in steps if s.kind == K.CRITERIA_CHECK and s.pk not in corrected_by
    ]
    url = permanent_url(appliance.code)
    pdf = render_pdf(
        "reuse/pdf/fiche.html",
        {
            "appliance": appliance,
            "steps": printed,
            "criteria": criteria_rows(checks[-1] if checks else None),
            "criteria_checked": bool(checks),
            "url": url,
            "qr": qr_svg(url),
            "printed_at": timezone.localtime(),
        },
        request,
    )
    return _pdf_response(pdf, f"{appliance.code}-hergebruikfiche.pdf")
