"""Words and texts written twice so that ``--help`` need not import the domain (cli/help_texts.py,
cli/choices.py) and so that the read models' schemas list them (adapters/read_models/vocabulary.py)
are the same as their sources."""

from typing import get_args

import pytest
from sitlog.adapters.projections.parallel import PARALLEL_FROM
from sitlog.adapters.projections.runner import DEFAULT_BATCH
from sitlog.adapters.queries.digest_trends import PREFERRED
from sitlog.adapters.read_models import vocabulary
from sitlog.cli import choices, help_texts
from sitlog.domain import log_entry_values, negotiation_values, prisoner_exchange
from sitlog.domain.negotiation_values import PARTICIPANT_SYNTAX
from sitlog.domain.relative_change import CHANGE_SYNTAX
from sitlog.domain.values import FIGURE_SYNTAX, Qualifier
from sitlog.domain.weapons import WeaponCategory


def test_the_help_texts_are_the_domains():
    assert (help_texts.FIGURE_SYNTAX, help_texts.CHANGE_SYNTAX, help_texts.PARTICIPANT_SYNTAX) == (
        FIGURE_SYNTAX, CHANGE_SYNTAX, PARTICIPANT_SYNTAX)
    assert (help_texts.DEFAULT_BATCH, help_texts.PARALLEL_FROM) == (DEFAULT_BATCH, PARALLEL_FROM)
    assert help_texts.PREFERRED_SOURCES == PREFERRED


def _values(enum) -> list[str]:
    return [member.value for member in enum]


@pytest.mark.parametrize(("copy", "source"), [
    (choices.NegotiationStatusChoice, negotiation_values.NegotiationStatus),
    (choices.OutcomeKindChoice, negotiation_values.OutcomeKind),
    (choices.ExchangeStatusChoice, prisoner_exchange.ExchangeStatus),
    (choices.EntryCategoryChoice, log_entry_values.EntryCategory),
])
def test_the_cli_choices_are_the_domains(copy, source):
    assert _values(copy) == _values(source)


@pytest.mark.parametrize(("words", "source"), [
    (vocabulary.QualifierWord, Qualifier),
    (vocabulary.WeaponCategoryWord, WeaponCategory),
    (vocabulary.NegotiationStatusWord, negotiation_values.NegotiationStatus),
    (vocabulary.StatementKindWord, negotiation_values.StatementKind),
    (vocabulary.OutcomeKindWord, negotiation_values.OutcomeKind),
    (vocabulary.ExchangeStatusWord, prisoner_exchange.ExchangeStatus),
    (vocabulary.EntryCategoryWord, log_entry_values.EntryCategory),
])
def test_the_read_models_words_are_the_domains(words, source):
    assert list(get_args(words)) == _values(source)
