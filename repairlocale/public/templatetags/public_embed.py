"""The copy-paste embed snippet, shown on an organisation's page in the registry."""

from django import template

from repairlocale.public.selectors_embed import public_organisations

register = template.Library()


@register.inclusion_tag("public/embed/_snippet_body.html", takes_context=True)
def embed_snippet(context, organisation):
    """Iframe and JSON code for a public organisation (one query)."""
    request = context.get("request")
    is_public = public_organisations().filter(pk=organisation.pk).exists()
    base = request.build_absolute_uri("/").rstrip("/") if request else ""
    return {"organisation": organisation, "is_public": is_public, "base": base}
