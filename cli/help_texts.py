"""Texts the help shows that the domain and the read side also define.

``--help`` must not import the domain or the store (pydantic, the library and a driver would
cost more than the whole of the help), so the help carries its own copy of them;
tests/unit/test_cli_help_texts.py checks that each copy equals its source.
"""

# sitlog.domain.values.FIGURE_SYNTAX
FIGURE_SYNTAX = (
    "N exact; ~N about; >=N at least; >N more than; <=N up to; <N fewer than; or in the source's words: "
    "'about N', 'around N', 'nearly N', 'almost N', 'up to N', 'as many as N', 'at most N', "
    "'more than N', 'over N', 'at least N', 'fewer than N', 'less than N'; thousands with commas "
    "(46,000); a range LOW..HIGH, LOW-HIGH or 'LOW to HIGH'; LOW..BEST..HIGH with a best estimate"
)

# sitlog.domain.relative_change.CHANGE_SYNTAX
CHANGE_SYNTAX = (
    "--change +31% --period 2025 --baseline 2024 (a signed percentage, e.g. +31% or -4.5%; "
    "periods as YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO)"
)

# sitlog.domain.negotiation_values.PARTICIPANT_SYNTAX
PARTICIPANT_SYNTAX = (
    '"NAME|ROLE|AFFILIATION"; role and affiliation may be left empty, '
    'e.g. "Jared Kushner||United States" or just "Jared Kushner"'
)

# sitlog.adapters.projections.runner.DEFAULT_BATCH: events per transaction of a catch-up.
DEFAULT_BATCH = 1000

# sitlog.adapters.projections.parallel.PARALLEL_FROM: the lag from which a catch-up uses two processes.
PARALLEL_FROM = 10_000

# sitlog.adapters.queries.digest_trends.PREFERRED: the source a digest's trends prefer per attacker.
PREFERRED_SOURCES = {"russia": "Ukrainian Air Force"}
