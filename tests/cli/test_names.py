"""Names that cannot fragment or deceive (issue 16, item 7), on SQLite and PostgreSQL."""

import json
import unicodedata

NFC, NFD = unicodedata.normalize("NFC", "Київ"), unicodedata.normalize("NFD", "Київ")
RECORD = "attack record --date 2026-02-05 --attacker russia --launched shahed=183"
INVISIBLE = "a name may not hold invisible or control characters"


def show(sitlog, reference: str) -> dict:
    return json.loads(sitlog.ok(["attack", "show", reference, "--format", "json"]))


def test_a_look_alike_source_is_refused_naming_the_odd_character(sitlog):
    sitlog.ok(f'{RECORD} --source "Ukrainian Air Force"')
    sitlog.refuses(f'{RECORD.replace("183", "190")} --source "Ukrainian Air Fоrce"',
                   'source: "Ukrainian Air Fоrce" mixes Latin and Cyrillic (о U+043E)')


def test_invisible_and_control_characters_are_refused_in_names(sitlog):
    sitlog.refuses([*RECORD.split(), "--source", "Ukrainian\u200bAir Force"],
                   f'source: "Ukrainian\\u200bAir Force" contains a zero width space (U+200B); {INVISIBLE}')
    sitlog.refuses([*RECORD.split(), "--source", "Air Force", "--region", "Kyiv\x1b[31m"],
                   f'region: "Kyiv\\u001b[31m" contains a control character (U+001B); {INVISIBLE}')
    sitlog.refuses(["estimate", "record", "ukraine-military/killed", "--source", "CSIS\u202e",
                    "--value", "100", "--as-of", "2025-12-31", "--reported", "2026-01-27"],
                   f'source: "CSIS\\u202e" contains a right-to-left override (U+202E); {INVISIBLE}')


def test_free_text_keeps_them_but_tables_never_send_them_to_the_terminal(sitlog):
    sitlog.ok([*RECORD.split(), "--source", "Air Force", "--note", "red \x1b[31malert\x1b[0m"])
    assert show(sitlog, "2026-02-05/russia")["sources"][0]["notes"][0]["text"] == "red \x1b[31malert\x1b[0m"
    for fmt in ("table", "csv"):
        out = sitlog.ok(["attack", "show", "2026-02-05/russia", "--format", fmt])
        assert "\x1b" not in out and "\\u001b[31malert" in out


def test_one_place_in_two_unicode_spellings_is_one_place(sitlog):
    sitlog.ok(f'{RECORD} --source "Mayor of Kyiv"')
    sitlog.ok(["attack", "casualties", "2026-02-05/russia", "--place", NFC, "--injured", "2",
               "--source", "Mayor of Kyiv"])
    sitlog.ok(["attack", "casualties", "2026-02-05/russia", "--place", NFD, "--killed", "9",
               "--source", "mayor of  kyiv"])
    [source] = show(sitlog, "2026-02-05/russia")["sources"]
    [kyiv] = source["casualties"]
    assert (source["source"], kyiv["place"], kyiv["injured"]["point"], kyiv["killed"]["point"]) == (
        "Mayor of Kyiv", NFC, 2, 9)


def test_punctuation_and_case_do_not_make_a_second_source(sitlog):
    sitlog.ok(f'{RECORD} --source "U.N. HRMMU"')
    sitlog.ok(f'{RECORD} --destroyed shahed=150 --source "un-hrmmu"')
    [source] = show(sitlog, "2026-02-05/russia")["sources"]
    assert source["source"] == "U.N. HRMMU"
    assert source["figures"][0]["destroyed"]["point"] == 150


def test_attackers_ukrainian_and_russian_names_are_aliases(sitlog):
    assert sitlog.ok('attack record --date 2026-02-05 --attacker росія --launched shahed=183 '
                     '--source "Ukrainian Air Force"').strip() == "2026-02-05/russia"
    assert sitlog.ok('attack record --date 2026-02-05 --attacker РФ --launched shahed=183 '
                     '--source "Ukrainian Air Force"').strip() == "2026-02-05/russia"
    assert sitlog.ok('attack record --date 2026-02-05 --attacker украина --destroyed drone=95 '
                     '--source "Russian Ministry of Defence"').strip() == "2026-02-05/ukraine"
    assert [a["reference"] for a in json.loads(sitlog.ok("attack list --format json"))] == [
        "2026-02-05/russia", "2026-02-05/ukraine"]


def test_a_series_typed_in_another_spelling_is_the_same_series(sitlog):
    sitlog.ok('estimate record "Ukraine Military/Killed" --source CSIS --value 100 --as-of 2025-12-31 '
              "--reported 2026-01-27")
    sitlog.ok('estimate record ukraine-military/killed --source csis --value 100 --as-of 2025-12-31 '
              "--reported 2026-01-27")
    doc = json.loads(sitlog.ok("estimate show ukraine_military/killed --format json"))
    assert doc["series"] == "ukraine-military/killed"
    assert [s["source"] for s in doc["sources"]] == ["CSIS"]
