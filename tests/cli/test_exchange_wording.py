"""Exchange numbers in the sources' words (issue 16, item 4), on SQLite and PostgreSQL: the text as
typed is kept beside the count, shown in `show`, the table and the digest, and a figure that is not
one number is refused in one line with nothing written."""

from tests.conftest import doc, moment

REF = "2026-02-05"


def test_the_numbers_are_kept_as_the_source_words_them(sitlog):
    sitlog.ok(["exchange", "agree", REF, "--total", "about 300", "--source", "Reuters"])
    agreed = doc(sitlog, f"exchange show {REF}")["agreed"]
    assert (agreed["total"], agreed["wording"]) == (
        300, {"total": "about 300", "released_by_ukraine": None, "released_by_russia": None})
    table = sitlog.ok(["exchange", "show", REF])
    assert "total about 300" in table
    assert "about 300 prisoners" in sitlog.ok(["digest", REF])
    sitlog.ok(["exchange", "complete", REF, "--date", "2026-02-06", "--released-by-ukraine", "1,200",
               "--released-by-russia", "157", "--source", "Coordination Headquarters"])
    done = doc(sitlog, f"exchange show {REF}")["completed"]
    assert (done["released_by_ukraine"], done["wording"]["released_by_ukraine"], done["total"]) == (
        1200, "1,200", 1357)
    # a plain number prints as it was typed: no wording kept
    assert done["wording"]["released_by_russia"] is None


def test_the_same_figure_worded_alike_is_a_repeat_and_another_is_refused(sitlog):
    sitlog.ok(["exchange", "agree", REF, "--total", "about 300", "--source", "Reuters"])
    same = sitlog(["exchange", "agree", REF, "--total", "~300", "--source", "Reuters"])
    assert same.exit_code == 0 and "nothing recorded" in same.stderr
    sitlog.refuses(["exchange", "agree", REF, "--total", "300", "--source", "Reuters"],
                   f"exchange {REF} is already recorded as agreed (total about 300; mediator none; "
                   "negotiation none); nothing is overwritten: to change it use `sitlog exchange correct "
                   f'{REF} --total 300 --reason "..."`, or record another exchange of the same day as '
                   "DATE/LABEL")


def test_a_worded_total_is_corrected_and_the_words_stay_in_the_history(sitlog):
    sitlog.ok(["exchange", "agree", REF, "--total", "about 300", "--source", "Reuters"])
    before = moment()
    sitlog.ok(["exchange", "correct", REF, "--total", "314", "--reason", "the final lists"])
    assert doc(sitlog, f"exchange show {REF}")["agreed"]["wording"] is None
    then = doc(sitlog, f"exchange show {REF} --known-at {before}")["agreed"]
    assert then["wording"]["total"] == "about 300"
    history = doc(sitlog, f"exchange show {REF} --history")["history"]
    assert history[-1]["data"]["changes"] == [
        {"field": "agreement total", "before": "about 300", "after": "314"}]


def test_figures_that_are_not_one_number_are_refused(sitlog):
    agree = ["exchange", "agree", REF, "--source", "Reuters"]
    sitlog.refuses([*agree, "--total", "300-320"],
                   "total: '300-320' is a range; an exchange's number is one number (e.g. 314, 1,200 or "
                   "about 300)")
    sitlog.refuses([*agree, "--total", "1,5"],
                   "total: '1,5' is not a figure (a comma only groups thousands, as in 46,000; sitlog "
                   "records whole numbers)")
    sitlog.refuses([*agree, "--released-by-ukraine", "-5"], "released-by-ukraine: -5 is negative")
    # what an exchange's number takes, never a range, is what an unreadable one is shown
    sitlog.refuses([*agree, "--total", "lots"], "total: 'lots' is not a figure (expected a non-negative "
                                                "whole number, e.g. 314, 1,200 or about 300)")
    # an exact total still has to add up; a worded one is not checked against a sum
    sitlog.refuses([*agree, "--total", "314", "--released-by-ukraine", "150",
                    "--released-by-russia", "157"],
                   "total: 314 is not released-by-ukraine 150 + released-by-russia 157 = 307")
    sitlog.ok([*agree, "--total", "about 300", "--released-by-ukraine", "150",
               "--released-by-russia", "157"])
