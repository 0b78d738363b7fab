"""A trainee's personal data as one document (the right of access, GDPR art. 15)."""

from __future__ import annotations

from typing import Any

from repairlocale.training.models import Trainee
from repairlocale.training.selectors import trainee_evidence


def _date(value) -> str | None:
    return value.isoformat() if value else None


def trainee_export_data(trainee: Trainee) -> dict[str, Any]:
    """Everything the platform keeps about one trainee, in plain JSON types."""
    evidence = trainee_evidence(trainee)
    return {
        "trainee": {
            "id": trainee.pk,
            "first_name": trainee.first_name,
            "last_name": trainee.last_name,
            "employer": trainee.organisation.name,
            "programme": trainee.programme,
            "start_date": _date(trainee.start_date),
            "status": trainee.status,
            "outflow_kind": trainee.outflow_kind,
            "outflow_date": _date(trainee.outflow_date),
            "login": trainee.user.username if trainee.user_id else None,
            "coaches": [str(c) for c in trainee.coaches.all()],
            "erased_at": trainee.erased_at.isoformat() if trainee.erased_at else None,
        },
        "assessments": [
            {
                "date": _date(a.assessed_on),
                "competency": a.competency.code,
                "competency_name": a.competency.name_nl,
                "framework_version": a.competency.version.number,
                "level": a.level,
                "assessor": str(a.assessor) if a.assessor_id else None,
                "evidence": a.evidence,
                "comment": a.comment,
            }
            for a in trainee.assessments.select_related(
                "competency__version", "assessor"
            ).order_by("assessed_on", "pk")
        ],
        "development_plan": {
            "goals": [
                {
                    "title": g.title,
                    "competency": g.competency_code,
                    "deadline": _date(g.deadline),
                    "status": g.status,
                    "actions": [
                        {
                            "description": a.description,
                            "owner": a.owner,
                            "deadline": _date(a.deadline),
                            "status": a.status,
                        }
                        for a in g.actions.all()
                    ],
                }
                for g in trainee.goals.prefetch_related("actions")
            ],
            "review_meetings": [
                {
                    "date": _date(m.held_on),
                    "notes": m.notes,
                    "next_review": _date(m.next_review_on),
                }
                for m in trainee.review_meetings.all()
            ],
        },
        "attestations": [
            {
                "kind": a.kind,
                "title": a.title,
                "scope": a.scope,
                "issued_by": a.issued_by,
                "issued_on": _date(a.issued_on),
                "expires_on": _date(a.expires_on),
            }
            for a in trainee.attestations.all()
        ],
        "training_sessions": [
            {
                "session": a.session.title,
                "date": _date(a.session.date),
                "status": a.status,
            }
            for a in trainee.attendances.select_related("session")
        ],
        "repairs": [
            {
                "date": _date(r.event_date),
                "category": r.product_category.ords_name,
                "status": r.repair_status,
                "source": r.source,
            }
            for r in trainee.repair_records.select_related("product_category")
        ],
        "evidence_summary": {
            "repairs": evidence.repairs,
            "fixed": evidence.fixed,
            "safety_tests": evidence.safety_tests,
        },
    }
