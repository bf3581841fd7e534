"""Where the shared public data lie: ``shared/data`` beside the checkout (``/work/shared`` for
``/work/main``), or beside the folder that holds it (a worktree, ``/work/wt/<name>``)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def shared_data(*parts: str) -> Path:
    """The path of ``shared/data/<parts>``, where it exists (else where it would be, beside the checkout)."""
    for folder in (ROOT.parent, ROOT.parent.parent):
        if (folder / "shared" / "data").is_dir():
            return folder.joinpath("shared", "data", *parts)
    return ROOT.parent.joinpath("shared", "data", *parts)


MISSILE_ATTACKS = shared_data("missile-attacks", "missile_attacks_daily.csv")
