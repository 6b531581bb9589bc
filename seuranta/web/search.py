"""Search that understands Finnish word forms: "kehityskeskustelu" finds "kehityskeskustelut".

On PostgreSQL the database's `finnish` text search configuration does the
work; elsewhere (SQLite) a Snowball Finnish stemmer runs over the plan that
the page has loaded anyway. Either way the result is the set of matching node
ids, found with a fixed number of queries.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer
from django.db import connection

from seuranta.core import model as core

_WORD = re.compile(r"\w+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("finnish")


@lru_cache(maxsize=20000)
def _stem(word: str) -> str:
    return _stemmer.stemWord(word.lower())


def stems(text: str | None) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text or "")]


def _translated(obj: core.Node | core.Indicator) -> list[str]:
    """The object's texts in the plan's other languages."""
    return [str(text) for texts in obj.translations.values() for text in texts.values() if text]


def node_text(node: core.Node) -> str:
    """What a node is found by: its title, description and indicator names, in every language."""
    parts = [node.title, node.description or "", *_translated(node)]
    for indicator in node.indicators:
        parts += [indicator.name, *_translated(indicator)]
    return " ".join(parts)


def _word_matches(word: str, query: str) -> bool:
    if word.startswith(query):
        return True
    return len(query) >= 7 and word.startswith(query[:-2])


def python_matches(plan: core.Plan, query: str) -> set[int]:
    """Ids of nodes whose title, description or indicator names contain every word of the query.

    A query word matches a text word with the same stem, or whose stem starts
    with it (so "kehitys" finds "kehityskeskustelut" too), or that shares all
    but its last two letters with a long query stem (derivations: "harrastus"
    finds "harrastamisen").
    """
    wanted = stems(query)
    if not wanted:
        return set()
    found = set()
    for node, _ in plan.walk():
        words = set(stems(node_text(node)))
        if all(any(_word_matches(w, q) for w in words) for q in wanted):
            found.add(node.key)
    return found


def postgres_matches(plan_id: int, query: str) -> set[int]:
    """The same with PostgreSQL's Finnish text search (two queries); the texts in the plan's other
    languages (`translations`) by their words as written."""
    from django.contrib.postgres.search import SearchQuery, SearchVector
    from django.db.models import Q, TextField
    from django.db.models.functions import Cast

    from seuranta.plans.models import Indicator, Node

    search = SearchQuery(query, config="finnish", search_type="websearch")
    words = SearchQuery(query, config="simple", search_type="websearch")
    other = SearchVector(Cast("translations", TextField()), config="simple")
    nodes = (
        Node.objects.filter(plan_id=plan_id)
        .annotate(document=SearchVector("title", "description", config="finnish"), other=other)
        .filter(Q(document=search) | Q(other=words))
        .values_list("pk", flat=True)
    )
    indicators = (
        Indicator.objects.filter(node__plan_id=plan_id)
        .annotate(document=SearchVector("name", config="finnish"), other=other)
        .filter(Q(document=search) | Q(other=words))
        .values_list("node_id", flat=True)
    )
    return set(nodes) | set(indicators)


def matching_node_ids(plan_id: int, plan: core.Plan, query: str) -> set[int]:
    if connection.vendor == "postgresql":
        return postgres_matches(plan_id, query)
    return python_matches(plan, query)
