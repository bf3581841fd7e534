"""The answers a server keeps between reads: bounded, the least recently asked going first."""

from sitlog.adapters.kept_answers import KeptAnswers


def test_the_least_recently_asked_answer_goes_first():
    kept = KeptAnswers(size=2)
    kept.put("a", 1)
    kept.put("b", 2)
    assert kept.get("a") == 1  # "b" is now the least recently asked
    kept.put("c", 3)
    assert (kept.get("a"), kept.get("b"), kept.get("c"), len(kept)) == (1, None, 3, 2)
