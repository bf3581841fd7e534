"""Hostile input as a property (issue 18): every option of every write command, and the importers,
given random and adversarial values. Each input is stored and shown back (as the input rules store
text: runs of whitespace as one space), or refused with one line and nothing written; never a
traceback; and the log's chain verifies afterwards. In process, on both backends.

The input rules themselves are issue 16's: this checks only that whatever they decide, they decide
it cleanly.
"""

import json
import shlex
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sitlog.adapters.config import parse_store_url
from sitlog.adapters.store import open_store

from tests.cli.command_tree import command_tree
from tests.conftest import SAMPLE, Sitlog, demo_week

ADVERSARIAL = [
    "", " ", "\t", "\n", " x ", "0", "-0", "-1", "1.5", "-2.5", "NaN", "nan", "inf", "-inf", "1e400",
    str(2**63), str(2**64), str(-(2**63) - 1), "9" * 40, "0x10", "1_000",
    "2026-02-30", "2026-13-01", "0000-01-01", "0001-01-01", "9999-12-31", "10000-01-01", "-2026-02-05",
    "2026-02-05T25:00", "2026-02-05T10:00+25:00", "+25:00", "2026-02-05T10:00:00-24:00", "24:00", "25:61",
    "'); DROP TABLE stored_events; --", "'; DROP TABLE sitlog_events; --", "Robert'); DELETE FROM attacks;--",
    "\x1b[31mred\x1b[0m", "\x1b]0;title\x07", "\x00", "a\x00b", "\r\n", "\x7f", "\u202eevil\u202c",
    "\u200b", "\ufeff", "שלום", "Київ", "Кіев mixed Kyiv", "e\u0301", "\U0001f600", "%s%s%n", "{}", "[]",
    "null", "=", "shahed=", "=5", "shahed=-1", "shahed=NaN", "shahed=1.5", "shahed=" + str(2**64),
    "shahed=1=2", "a|b|c|d", "||", "/", "2026-02-05/", "/russia", "2026-02-05/russia/x", "--help", "-x",
]
HOSTILE = st.one_of(st.sampled_from(ADVERSARIAL), st.text(max_size=40),
                    st.text(alphabet=st.characters(codec="utf-8"), max_size=12))
WRITES = {"attack", "negotiation", "exchange", "estimate", "entry"}
READ_ONLY = {"list", "show"}


def _write_commands() -> dict[tuple[str, str], list[Any]]:
    """(group, command) -> its parameters (options and arguments), for every write command."""
    return {(path[0], path[1]): list(command.params) for path, command in command_tree()
            if len(path) == 2 and path[0] in WRITES and path[1] not in READ_ONLY}


COMMANDS = _write_commands()


def _templates(sitlog: Sitlog) -> dict[tuple[str, str], list[str]]:
    """A valid command line for each write command (on the sample morning), to corrupt one value of."""
    text = SAMPLE.read_text().splitlines()
    lines = [shlex.split(line) for line in text if line and not line.startswith("#")]
    found = {(words[0], words[1]): words[2:] for words in lines}
    entry = json.loads(sitlog.ok("entry list --format json"))[0]["reference"]
    talks = json.loads(sitlog.ok("negotiation show us-brokered-talks --format json"))
    statement, issue = talks["statements"][0]["number"], talks["issues"][0]["number"]
    found |= {
        ("attack", "correct"): ["2026-02-05/russia", "--source", "Ukrainian Air Force", "--destroyed",
                                "shahed=157", "--reason", "revised"],
        ("attack", "retract"): ["2026-02-05/russia", "--source", "Mayor of Kyiv", "--place", "Kyiv",
                                "--reason", "wrong"],
        ("negotiation", "suspend"): ["us-brokered-talks", "--date", "2026-02-06", "--reason", "paused"],
        ("negotiation", "resume"): ["us-brokered-talks", "--date", "2026-02-07", "--reason", "again"],
        ("negotiation", "close"): ["us-brokered-talks", "--date", "2026-02-08", "--reason", "done"],
        ("exchange", "postpone"): ["2026-02-05", "--date", "2026-02-06", "--reason", "delayed",
                                   "--source", "Steve Witkoff"],
        ("exchange", "cancel"): ["2026-02-05", "--date", "2026-02-07", "--reason", "off",
                                 "--source", "Steve Witkoff"],
        ("estimate", "correct"): ["ukraine-military/killed", "--source", "CSIS", "--as-of", "2025-12-31",
                                  "--value", "<=150000", "--reason", "revised"],
        ("estimate", "retract"): ["russia-military/killed", "--source", "CSIS", "--as-of", "2025-12-31",
                                  "--reason", "withdrawn"],
        ("negotiation", "correct"): ["us-brokered-talks", "--statement", str(statement), "--text",
                                     "constructive", "--reason", "misquoted"],
        ("negotiation", "retract"): ["us-brokered-talks", "--issue", str(issue), "--reason", "another track"],
        ("exchange", "complete"): ["2026-02-05", "--date", "2026-02-06", "--released-by-ukraine", "157",
                                   "--released-by-russia", "157", "--source", "Coordination Headquarters"],
        ("exchange", "correct"): ["2026-02-05", "--total", "315", "--reason", "a typo"],
        ("exchange", "retract"): ["2026-02-05", "--cancellation", "--reason", "it went ahead"],
        ("entry", "correct"): [entry, "--reason", "typo", "--text", "corrected text"],
        ("entry", "retract"): [entry, "--reason", "wrong"],
    }
    assert set(found) >= set(COMMANDS), set(COMMANDS) - set(found)
    return found


def _corrupt(template: list[str], param: Any, value: str) -> list[str]:
    """``template`` with ``param``'s value replaced by ``value`` (or ``param`` added with it)."""
    args = list(template)
    if not getattr(param, "opts", None) or param.param_type_name == "argument":
        return [value, *args[1:]] if args and not args[0].startswith("-") else [value, *args]
    option = param.opts[0]
    if getattr(param, "is_flag", False):
        return [*args, option]
    if option in args:
        at = args.index(option)
        args[at + 1] = value
        return args
    return [*args, option, value]


def _flat(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _flat(item)]
    if isinstance(value, list):
        return [text for item in value for text in _flat(item)]
    return [value] if isinstance(value, str) else []


class Desk:
    """The sample morning in a store (``desk`` copies it there), a valid command line per write
    command, and a count of the log's events on a connection kept open (opening a store for each
    count would be most of a run)."""

    def __init__(self, sitlog: Sitlog, counter: Any) -> None:
        self.sitlog, self.counter = sitlog, counter
        self.templates = _templates(sitlog)
        # Fewer examples on PostgreSQL: each command there opens a connection of its own.
        self.examples = 40 if sitlog.url.startswith("postgresql") else 150

    def events(self) -> int:
        return int(self.counter.info().events)

    def check(self, argv: list[str]) -> None:
        before = self.events()
        ran = self.sitlog(argv)
        output = ran.stdout + ran.stderr
        assert "Traceback" not in output, (argv, output)
        assert ran.exit_code in (0, 1, 2), (argv, ran.exit_code, output)
        if ran.exit_code != 0:
            assert ran.stdout == "" and ran.stderr.startswith("error: ") and ran.stderr.count("\n") == 1, \
                (argv, output)
            assert self.events() == before, (argv, "written after a refusal")


@pytest.fixture
def desk(request: pytest.FixtureRequest, sitlog: Sitlog) -> Iterator[Desk]:
    demo_week(request, sitlog)
    with open_store(parse_store_url(sitlog.url), "counter") as counter:
        yield Desk(sitlog, counter)


def test_every_option_of_every_write_command_stores_or_refuses_cleanly(desk):
    tried: list[list[str]] = []

    @settings(max_examples=desk.examples, deadline=None, database=None)
    @given(data=st.data())
    def stores_or_refuses(data):
        command = data.draw(st.sampled_from(sorted(COMMANDS)), label="command")
        param = data.draw(st.sampled_from(COMMANDS[command]), label="parameter")
        value = data.draw(HOSTILE, label="value")
        argv = [*command, *_corrupt(desk.templates[command], param, value)]
        tried.append(argv)
        desk.check(argv)
        option = getattr(param, "opts", ["?"])[0]
        if command == ("entry", "add") and option in ("--text", "--source", "--place"):
            ran = desk.sitlog(argv)  # again: the same entry, a no-op, which prints its reference
            if ran.exit_code == 0 and ran.stdout.strip():
                shown = json.loads(desk.sitlog.ok(["entry", "show", ran.stdout.strip(), "--format", "json"]))
                assert " ".join(value.split()) in _flat(shown), (value, shown)

    stores_or_refuses()
    assert len(tried) >= desk.examples


def test_after_hostile_input_the_log_verifies(desk):
    for value in ADVERSARIAL[::1 if desk.examples > 100 else 3]:
        for command in (("entry", "add"), ("attack", "record")):
            param = next(p for p in COMMANDS[command] if getattr(p, "opts", [""])[0] == "--source")
            desk.check([*command, *_corrupt(desk.templates[command], param, value)])
    assert json.loads(desk.sitlog.ok("verify --format json"))["events"] == desk.events()


KINDS = {"missile-attacks-csv": ".csv", "general-staff-personnel": ".json", "sitlog-jsonl": ".jsonl"}


def test_the_importers_store_or_refuse_hostile_files_cleanly(desk, tmp_path):
    @settings(max_examples=desk.examples // 4, deadline=None, database=None)
    @given(kind=st.sampled_from(sorted(KINDS)), lines=st.lists(HOSTILE, max_size=6))
    def stores_or_refuses(kind, lines):
        path = tmp_path / f"hostile{KINDS[kind]}"
        header = {"missile-attacks-csv": "time_start,time_end,model,launched,destroyed,source",
                  "general-staff-personnel": "", "sitlog-jsonl": ""}[kind]
        path.write_text("\n".join([header, *lines]) if header else "\n".join(lines), encoding="utf-8",
                        errors="surrogatepass")
        before = desk.events()
        ran = desk.sitlog(["import", str(path), "--kind", kind])
        output = ran.stdout + ran.stderr
        assert "Traceback" not in output and ran.exit_code in (0, 1, 2), (lines, output)
        if ran.exit_code != 0:
            assert ran.stderr.splitlines()[-1].startswith("error: "), (lines, output)
            assert desk.events() == before

    stores_or_refuses()
