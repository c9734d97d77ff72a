"""The real course's quiz bank, every item in front of the robot in French and Arabic: answered from the
trainer's answer key, the quiz scores 100 (so every key, every accepted fill-in and every choice id
agrees with the runtime), and every item's xAPI definition is complete."""

from __future__ import annotations

import pytest

from tests.browser.test_quiz import bank_variant
from tests.browser.test_quiz import test_answer_key_agrees_with_scoring_for_the_whole_bank as key_agrees
from tests.browser.test_quiz import test_xapi_definition_of_every_item as definitions_complete
from tests.conftest import MODULES


@pytest.fixture(scope="module")
def real_bank(tmp_path_factory, server):
    return bank_variant(tmp_path_factory, server, MODULES, "tip-maroc")


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_answer_key_scores_100_for_the_whole_bank(page, server, run, real_bank, lang):
    key_agrees(page, server, run, real_bank, lang, at_once=True)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_every_item_has_a_complete_xapi_definition(page, server, run, real_bank, lang):
    definitions_complete(page, server, run, real_bank, lang)
