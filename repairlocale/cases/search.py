"""Full-text search over activities, cases and lessons, behind one function.

``search(...)`` runs SQLite FTS5 (default) or PostgreSQL's Dutch text search
(production) on the ``SearchDocument`` index and returns a queryset, so the caller
paginates as usual. ``index_activity`` / ``index_case`` keep the index in step; the
services call them inside the same transaction as the write.

Accents: FTS5 folds them with ``unicode61 remove_diacritics 2``; for PostgreSQL the
text is folded in Python (``fold``) before indexing and searching, because the
``unaccent`` extension needs rights a hosted database may not grant.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from repairlocale.cases.models import Activity, Case, SearchDocument
from repairlocale.cases.richtext import to_plain_text
from repairlocale.network.models import Membership

FTS_TABLE = "cases_search_fts"
_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case without accents: "Herstelcafé" → "herstelcafe"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def query_terms(query: str) -> list[str]:
    """The words of a query, folded; punctuation and FTS operators are dropped."""
    return _WORD.findall(fold(query))[:12]


@dataclass(frozen=True)
class SearchFilters:
    region: str = ""
    hub_id: int | None = None
    activity_type_id: int | None = None
    theme: str = ""
    target_group: str = ""
    date_from: date | None = None
    date_to: date | None = None
    kind: str = ""


def search(query: str, *, user, filters: SearchFilters | None = None) -> QuerySet:
    """Documents matching every word of ``query`` that ``user`` may see, best first.

    An empty query, or one of punctuation only, matches nothing (the view explains
    what to type). Each row carries ``rank``; lower is better on both databases.
    """
    terms = query_terms(query)
    if not terms:
        return SearchDocument.objects.none()
    documents = _visible(SearchDocument.objects.all(), user)
    documents = _filtered(documents, filters or SearchFilters())
    if connection.vendor == "postgresql":
        return _postgresql(documents, terms)
    return _sqlite(documents, terms)


def _sqlite(documents: QuerySet, terms: list[str]) -> QuerySet:
    # Every term quoted (no FTS syntax from users) and used as a prefix, so
    # "herstel" finds "herstelcafé"; bm25 weighs the title ten times the body.
    match = " AND ".join(f'"{term}"*' for term in terms)
    return (
        documents.filter(
            # The match expression is a bound parameter; the table name a constant.
            pk__in=RawSQL(  # noqa: S611
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
                [match],
            )
        )
        .annotate(
            rank=RawSQL(  # noqa: S611
                f"SELECT bm25({FTS_TABLE}, 10.0, 1.0) FROM {FTS_TABLE} "  # noqa: S608
                f"WHERE {FTS_TABLE} MATCH %s AND rowid = cases_searchdocument.id",
                [match],
            )
        )
        .order_by("rank", "-date", "pk")
    )


def _postgresql(documents: QuerySet, terms: list[str]) -> QuerySet:
    # to_tsquery with prefix matching on the folded words, Dutch stemming on both
    # sides; terms are \w+ only, so nothing in them is tsquery syntax.
    expression = " & ".join(f"{term}:*" for term in terms)
    query = SearchQuery(expression, config="dutch", search_type="raw")
    vector = SearchVector("title_folded", weight="A", config="dutch") + SearchVector(
        "body_folded", weight="B", config="dutch"
    )
    return (
        documents.annotate(document=vector, rank=SearchRank(vector, query) * -1)
        .filter(document=query)
        .order_by("rank", "-date", "pk")
    )


def _visible(documents: QuerySet, user) -> QuerySet:
    if user.is_authenticated and user.is_network_coordinator:
        return documents
    if not user.is_authenticated:
        return documents.filter(is_published=True)
    own = Membership.objects.filter(user=user).values("organisation")
    return documents.filter(
        Q(is_published=True) | Q(hub__organisation__in=own) | Q(organisation__in=own)
    )


def _filtered(documents: QuerySet, filters: SearchFilters) -> QuerySet:
    if filters.region:
        documents = documents.filter(pilot_region=filters.region)
    if filters.hub_id:
        documents = documents.filter(hub_id=filters.hub_id)
    if filters.activity_type_id:
        documents = documents.filter(activity_type_id=filters.activity_type_id)
    if filters.theme:
        documents = documents.filter(theme=filters.theme)
    if filters.target_group:
        documents = documents.filter(target_group=filters.target_group)
    if filters.date_from:
        documents = documents.filter(date__gte=filters.date_from)
    if filters.date_to:
        documents = documents.filter(date__lte=filters.date_to)
    if filters.kind:
        documents = documents.filter(kind=filters.kind)
    return documents


def highlight(text: str, query: str, *, length: int = 240) -> SafeString:
    """An escaped excerpt of ``text`` around the first hit, hits in ``<mark>``.

    Each word is escaped on its own and only then wrapped, so nothing the author
    typed can become markup. A word is a hit when its folded form starts with a
    folded query term, which is how both search backends match.
    """
    terms = query_terms(query)
    words = list(_WORD.finditer(text or ""))
    hits = [m for m in words if any(fold(m.group()).startswith(t) for t in terms)]
    start = 0
    if hits and len(text) > length:
        start = max(0, hits[0].start() - length // 3)
        # Begin at a word boundary.
        start = next((m.start() for m in words if m.start() >= start), start)
    end = min(len(text), start + length)
    parts = ["…" if start else ""]
    cursor = start
    for match in hits:
        if match.start() < start or match.end() > end:
            continue
        parts.append(escape(text[cursor : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        cursor = match.end()
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append("…")
    return mark_safe("".join(parts))  # noqa: S308 - every piece escaped above


# --- Keeping the index in step ---------------------------------------------------


def _owner_facets(obj) -> dict:
    return {
        "hub": obj.hub,
        "organisation": obj.hub.organisation if obj.hub else obj.organisation,
        "pilot_region": obj.pilot_region,
        "is_published": obj.is_published,
    }


def _document(kind: str, object_id: int, title: str, body: str, **facets) -> None:
    SearchDocument.objects.update_or_create(
        kind=kind,
        object_id=object_id,
        defaults={
            "title": title[:300],
            "body": body,
            "title_folded": fold(title)[:300],
            "body_folded": fold(body),
            **facets,
        },
    )


def index_activity(activity: Activity) -> None:
    partners = ", ".join(str(p) for p in activity.partners.all())
    body = " ".join(
        filter(
            None,
            [
                activity.description,
                activity.outputs,
                str(activity.activity_type),
                activity.owner_name,
                partners,
            ],
        )
    )
    _document(
        SearchDocument.Kind.ACTIVITY,
        activity.pk,
        activity.title,
        body,
        activity_type=activity.activity_type,
        theme=activity.activity_type.theme,
        target_group=activity.target_group,
        date=activity.date,
        case_id_for_link=None,
        **_owner_facets(activity),
    )


def index_case(case: Case) -> None:
    """The case and each of its factors (lessons); lessons removed are unindexed."""
    tags = " ".join(t.name for t in case.tags.all())
    partners = ", ".join(str(p) for p in case.partners.all())
    body = " ".join(
        filter(
            None,
            [
                case.summary_nl,
                case.summary_en,
                to_plain_text(case.context),
                to_plain_text(case.approach),
                to_plain_text(case.results),
                case.owner_name,
                partners,
                tags,
            ],
        )
    )
    when = (case.published_at or case.created_at).date()
    facets = _owner_facets(case)
    _document(
        SearchDocument.Kind.CASE,
        case.pk,
        case.title,
        body,
        theme=case.theme,
        date=when,
        case_id_for_link=case.pk,
        **facets,
    )
    factors = list(case.factors.all())
    SearchDocument.objects.filter(
        kind=SearchDocument.Kind.LESSON, case_id_for_link=case.pk
    ).exclude(object_id__in=[f.pk for f in factors]).delete()
    for factor in factors:
        _document(
            SearchDocument.Kind.LESSON,
            factor.pk,
            factor.factor,
            " ".join(filter(None, [factor.context, factor.recommendation, case.title])),
            theme=factor.theme,
            date=when,
            case_id_for_link=case.pk,
            **facets,
        )


def unindex(kind: str, object_id: int) -> None:
    SearchDocument.objects.filter(kind=kind, object_id=object_id).delete()
    if kind == SearchDocument.Kind.CASE:
        SearchDocument.objects.filter(
            kind=SearchDocument.Kind.LESSON, case_id_for_link=object_id
        ).delete()


def search_index_rebuild() -> int:
    """Write the whole index again (after a hub changes region, or a restore)."""
    SearchDocument.objects.all().delete()
    for activity in Activity.objects.for_list().prefetch_related("partners"):
        index_activity(activity)
    for case in Case.objects.for_list().prefetch_related("partners", "factors"):
        index_case(case)
    return SearchDocument.objects.count()
