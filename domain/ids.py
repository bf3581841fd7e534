"""Identity: aggregate ids are uuid5 of a natural key, so re-entering the same
report lands on the same aggregate without a lookup."""

from uuid import UUID, uuid5

# Fixed forever: changing it would orphan every stored aggregate.
SITLOG_NAMESPACE = UUID("6f1d1a4e-3c1b-5b7e-9a53-5e0f7c1a2b90")


def natural_id(kind: str, key: str) -> UUID:
    """The id of the aggregate of ``kind`` (e.g. ``attack``) with natural ``key``."""
    return uuid5(SITLOG_NAMESPACE, f"{kind}:{key}")
