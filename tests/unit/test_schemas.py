"""The committed JSON Schemas (docs/reference/schemas) are exactly what the read models generate."""

from pathlib import Path

from sitlog.adapters.read_models.schemas import write

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "reference" / "schemas"
REGENERATE = "python -m sitlog.adapters.read_models.schemas docs/reference/schemas"


def test_the_committed_schemas_are_the_generated_ones(tmp_path):
    generated = {path.name: path.read_bytes() for path in write(tmp_path)}
    committed = {path.name: path.read_bytes() for path in COMMITTED.iterdir()} if COMMITTED.is_dir() else {}
    stale = sorted(name for name in generated.keys() | committed.keys()
                   if generated.get(name) != committed.get(name))
    assert not stale, (
        f"docs/reference/schemas differs from the read models ({', '.join(stale)}): a read model "
        f"changed the JSON a command prints. If that is intended, regenerate with `{REGENERATE}` "
        "(and delete files it no longer writes), then commit them."
    )
