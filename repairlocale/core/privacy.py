"""The personal-data register, and export and erasure of one person across modules.

Each app declares the personal data it keeps in its own ``<app>/privacy.py``::

    from repairlocale.core.privacy import Entry, register

    register(
        "repairs",
        entries=[Entry("repairs.RepairRecord", ("repairer", "problem"),
                       purpose="repair_record", basis="legitimate_interest",
                       retention="aggregates", erasure="name_anonymised")],
        export=export_person,   # (user) -> JSON-able data, optional
        erase=erase_person,     # (user, by=) -> None, optional
        cleanup=cleanup,        # (dry_run=) -> {label: count}, optional
    )

Purposes, legal bases, retention periods and what erasure does are one shared
vocabulary (below), so the register reads the same everywhere and is translated
once. ``register_entries()`` feeds the coordinators' page and ``docs/privacy.md``
(``manage.py privacy_register --markdown``); ``person_export`` and
``person_erase`` call every app's functions, the account itself last;
``manage.py privacy_cleanup`` calls every app's ``cleanup`` (its own retention).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def retention_days(name: str) -> int:
    """A retention period in days, from settings (``PRIVACY_<NAME>_DAYS``)."""
    return int(getattr(settings, f"PRIVACY_{name.upper()}_DAYS", DEFAULT_DAYS[name]))


DEFAULT_DAYS = {
    # Logins (successful and failed) with address and browser: django-axes.
    "login_logs": 90,
    # A deactivated account is erased after this.
    "inactive_accounts": 2 * 365,
    # An invitation whose link was never used: after the link expired, plus this.
    "invitations": 30,
    # A version in the audit trail (who changed what) is deleted this long after.
    "history": 5 * 365,
}

PURPOSES = {
    "account": _("Logging in, roles, and the language of the interface."),
    "login_security": _(
        "Protection against password guessing (lockout after failed logins)."
    ),
    "membership": _("Who may see and change what in which organisation."),
    "organisation_contact": _(
        "Contact details of an organisation or hub, for the network and the public map."
    ),
    "workshop_record": _(
        "Traceability of the hergebruikfiche: who registered, tested and repaired an "
        "appliance (electrical safety)."
    ),
    "repair_record": _(
        "Repair Café logbook: who repaired what, statistics per repairer for the café."
    ),
    "coaching": _(
        "Coaching of trainees: competencies, development plan, attestations."
    ),
    "campaign_answer": _("Needs mapping: who submitted a hub's answers."),
    "case_authorship": _(
        "Showcase of practices: who wrote and reviewed a case, and its public contact."
    ),
    "api_token": _("Personal access to the API."),
    "change_history": _("Audit trail: who changed what and when."),
    "report_request": _("Funder reports: who asked for a report."),
}

LEGAL_BASES = {
    "contract": _("Agreement with the member organisation (art. 6.1.b GDPR)"),
    "legitimate_interest": _("Legitimate interest of the network (art. 6.1.f GDPR)"),
    "legal_obligation": _(
        "Legal obligation: product safety and traceability (art. 6.1.c GDPR)"
    ),
    "public_task": _(
        "Task in the public interest: subsidised training programme (art. 6.1.e GDPR)"
    ),
    "consent": _("Consent of the person (art. 6.1.a GDPR)"),
}

RETENTION = {
    "account": _(
        "As long as the account is active; erased 2 years after it was deactivated."
    ),
    "invitation": _("An unused invitation is erased 30 days after its link expired."),
    "login_logs": _("90 days."),
    "membership": _("As long as the person is a member; removed on erasure."),
    "organisation": _("As long as the organisation takes part in the network."),
    "records": _(
        "As long as the record is kept (aggregates); the name is anonymised on erasure."
    ),
    "trainee": _(
        "Until the end of the programme plus the subsidy's audit period; erased on "
        "request."
    ),
    "case": _("As long as the case is published; the contact is removed on erasure."),
    "api_token": _("Until revoked; deleted on erasure."),
    "history": _("5 years after the change."),
}

ERASURE = {
    "anonymised": _("Name, e-mail and login anonymised; the account is deactivated."),
    "deleted": _("Deleted."),
    "name_anonymised": _(
        "The row stays for the counts; it points to the anonymised account."
    ),
    "trainee_erase": _(
        "The training module's erasure: name, login, coaches, free texts, plan and "
        "attestations go; levels and counts stay."
    ),
    "contact_removed": _("Contact name and e-mail are removed."),
    "history_scrubbed": _(
        "The versions stay and point to the anonymised account; the person's e-mail "
        "address is blanked in them, and a trainee's erasure blanks the trainee's "
        "name, login, coaches and free texts in every version."
    ),
}


@dataclass(frozen=True)
class Entry:
    """One model that holds personal data, and how the network treats it."""

    model: str  # "app_label.ModelName"
    fields: tuple[str, ...]
    purpose: str
    basis: str
    retention: str
    erasure: str

    def __post_init__(self) -> None:
        for key, vocabulary in [
            (self.purpose, PURPOSES),
            (self.basis, LEGAL_BASES),
            (self.retention, RETENTION),
            (self.erasure, ERASURE),
        ]:
            if key not in vocabulary:
                raise ValueError(f"{self.model}: unknown privacy key {key!r}")

    @property
    def model_class(self):
        return apps.get_model(self.model)

    def field_labels(self) -> list[str]:
        meta = self.model_class._meta
        labels = []
        for name in self.fields:
            try:
                labels.append(str(meta.get_field(name).verbose_name))
            except Exception:  # a property or a free label
                labels.append(name)
        return labels

    def row(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "label": str(self.model_class._meta.verbose_name_plural),
            "fields": self.field_labels(),
            "purpose": str(PURPOSES[self.purpose]),
            "basis": str(LEGAL_BASES[self.basis]),
            "retention": str(RETENTION[self.retention]),
            "erasure": str(ERASURE[self.erasure]),
        }


Exporter = Callable[[Any], Any]
Eraser = Callable[..., None]
Cleaner = Callable[..., dict[str, int]]


@dataclass
class AppPrivacy:
    app_label: str
    entries: list[Entry] = field(default_factory=list)
    export: Exporter | None = None
    erase: Eraser | None = None
    # Erasure order: lower first; the account itself ("accounts") goes last.
    order: int = 50
    # Retention of the app's own data: (dry_run=) -> {what: rows removed or due}.
    cleanup: Cleaner | None = None


_REGISTRY: dict[str, AppPrivacy] = {}


def register(
    app_label: str,
    *,
    entries: list[Entry],
    export: Exporter | None = None,
    erase: Eraser | None = None,
    order: int = 50,
    cleanup: Cleaner | None = None,
) -> None:
    _REGISTRY[app_label] = AppPrivacy(
        app_label, list(entries), export, erase, order, cleanup
    )


@cache
def _load() -> None:
    """Import every installed app's ``privacy`` module once (they call register)."""
    for config in apps.get_app_configs():
        if not config.name.startswith("repairlocale."):
            continue
        try:
            importlib.import_module(f"{config.name}.privacy")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.privacy":
                raise


def registry() -> list[AppPrivacy]:
    _load()
    return sorted(_REGISTRY.values(), key=lambda a: (a.order, a.app_label))


def register_entries() -> list[tuple[str, list[dict[str, Any]]]]:
    """The register: per app (verbose name), its rows."""
    result = []
    for app in sorted(registry(), key=lambda a: a.app_label):
        if app.entries:
            name = str(apps.get_app_config(app.app_label).verbose_name)
            result.append((name, [entry.row() for entry in app.entries]))
    return result


def register_markdown() -> str:
    """docs/privacy.md: the register in English, with the retention settings."""
    from django.utils import translation

    with translation.override("en"):
        lines = [
            "# Personal-data register",
            "",
            "Generated by `manage.py privacy_register --markdown` from the",
            "`<app>/privacy.py` declarations (`repairlocale/core/privacy.py`); the",
            "same register is shown to coordinators at `/privacy/register/` (Dutch",
            "and English). A test fails when this file and the declarations differ.",
            "",
            "Export and erasure of one person across all modules: the coordinators'",
            "page of a person (`/privacy/personen/`), or the person themself from",
            "their profile (export). Erasure keeps every count and aggregate: the",
            "account is anonymised and deactivated, the rows that point to it stay.",
            "Retention: `manage.py privacy_cleanup [--dry-run]` (daily, from cron).",
            "",
            "| Retention setting | Days |",
            "|---|---|",
        ]
        for name in DEFAULT_DAYS:
            lines.append(f"| `PRIVACY_{name.upper()}_DAYS` | {DEFAULT_DAYS[name]} |")
        for app_name, rows in register_entries():
            lines += [
                "",
                f"## {app_name}",
                "",
                "| Data | Fields | Purpose | Legal basis | Retention | On erasure |",
                "|---|---|---|---|---|---|",
            ]
            for row in rows:
                cells = [
                    f"{row['label']} (`{row['model']}`)",
                    ", ".join(row["fields"]),
                    row["purpose"],
                    row["basis"],
                    row["retention"],
                    row["erasure"],
                ]
                lines.append(
                    "| " + " | ".join(c.replace("|", "/") for c in cells) + " |"
                )
        return "\n".join(lines) + "\n"


def person_export(user) -> dict[str, Any]:
    """Everything the platform keeps about one account, per module, as JSON types."""
    data: dict[str, Any] = {
        "generated_at": timezone.now().isoformat(),
        "account_id": user.pk,
    }
    for app in registry():
        if app.export is not None:
            value = app.export(user)
            if value:
                data[app.app_label] = value
    return data


def person_erase(user, *, by, skip: tuple[str, ...] = ()) -> None:
    """Erase one person everywhere, in one transaction; counts stay unchanged.

    ``skip`` leaves modules with their own retention rules out (the automatic
    clean-up leaves a trainee file to the training module).
    """
    with transaction.atomic():
        for app in registry():
            if app.erase is not None and app.app_label not in skip:
                app.erase(user, by=by)


def cutoff(name: str):
    return timezone.now() - timedelta(days=retention_days(name))


def iso(value) -> str | None:
    return value.isoformat() if value else None
