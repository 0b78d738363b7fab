"""Shared pieces of the fuzz tests: strategies, an isolated example, row counts."""

from __future__ import annotations

import contextlib

from django.apps import apps
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Fast and deterministic: a modest number of examples, no per-example deadline
# (the first request of a test warms caches), the shared fixtures allowed.
FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

# What people, scanners and scripts type: any character but lone surrogates (which
# no browser can send), NUL bytes and control characters included.
TYPED = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),
    max_size=60,
)
NUMBERISH = st.one_of(
    TYPED,
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats(min_value=-1e6, max_value=1e6).map(lambda f: str(f).replace(".", ",")),
    st.sampled_from(
        [
            "",
            " ",
            "NaN",
            "inf",
            "-inf",
            "1e400",
            "-0",
            "0,5",
            "1.000,5",
            "1_000",
            "٣",
            "１２",
            "0x10",
            "1e-400",
            "9" * 40,
            "-1",
            "12abc",
        ]
    ),
)


@contextlib.contextmanager
def isolated():
    """Run one example and roll its writes back, so examples stay independent."""
    sid = transaction.savepoint()
    try:
        yield
    finally:
        transaction.savepoint_rollback(sid)


def row_counts(*labels: str) -> dict[str, int]:
    return {label: apps.get_model(label).objects.count() for label in labels}
