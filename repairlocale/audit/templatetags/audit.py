"""``{% audit_link obj %}``: a link to an object's history, for those who may read it.

Renders nothing for anyone else, and for objects the audit trail does not cover.
Costs one or two small queries (the permission check) per use.
"""

from __future__ import annotations

from django import template
from django.urls import reverse

from repairlocale.audit.permissions import may_read_history
from repairlocale.audit.registry import audited_for

register = template.Library()


@register.inclusion_tag("audit/includes/audit_link.html", takes_context=True)
def audit_link(context, obj, css_class: str = "btn btn-outline-secondary btn-sm"):
    request = context.get("request")
    user = getattr(request, "user", None)
    audited = audited_for(obj) if obj is not None else None
    url = ""
    if (
        audited is not None
        and user is not None
        and obj.pk is not None
        and may_read_history(user, audited, obj)
    ):
        url = reverse("audit:object_history", args=[audited.key, obj.pk])
    return {"url": url, "css_class": css_class}
