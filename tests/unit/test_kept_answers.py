"""The answers a server keeps between reads: bounded, the least recently asked going first."""

from sitlog.adapters.kept_answers import KeptAnswers


def test_the_least_recently_asked_answer_goes_first():
    kept = KeptAnswers(size=2)
    kept.put("a", 1)
    kept.put("b", 2)
    assert kept.get("a") == 1  # "b" is now the least recently asked
    kept.put("c", 3)
    assert (kept.get("a"), kept.get("b"), kept.get("c"), len(kept)) == (1, None, 3, 2)


def test_a_kept_answers_json_is_made_once_and_goes_with_it():
    from pydantic import BaseModel

    class Answer(BaseModel):
        n: int

    kept, answer = KeptAnswers(size=1), Answer(n=1)
    kept.put("a", answer)
    assert kept.json(answer) == '{"n":1}'
    answer.n = 2  # never done to a kept answer: here it shows that the JSON is not made again
    assert kept.json(answer) == '{"n":1}'
    kept.put("b", Answer(n=3))  # "a" goes, and its JSON with it
    assert kept.json(answer) == '{"n":2}'
