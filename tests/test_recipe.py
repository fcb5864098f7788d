import re
from pathlib import Path

import pytest

from mot.recipe.model import RecipeError
from mot.recipe.parse import load_recipe


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "a.jsonl").write_text("{}\n")
    path = tmp_path / "r.yaml"
    path.write_text(text)
    return path


def test_local_and_hub_sources_parse(tmp_path):
    recipe = load_recipe(write(tmp_path, """
name: demo
seed: 7
domains:
  math:
    sources:
      - {name: local, adapter: openr1_math, path: a.jsonl}
      - {name: hub, adapter: openr1_math, hub: {id: open-r1/OpenR1-Math-220k, config: default, split: train}}
    verify: {timeout_s: 3, keep_unverified: false}
"""))
    local, hub = recipe.domains["math"].sources
    assert local.paths == ((tmp_path / "a.jsonl").resolve(),)
    assert hub.hub.id == "open-r1/OpenR1-Math-220k" and hub.hub.config == "default"
    assert recipe.seed == 7 and recipe.max_tokens == 32768
    assert recipe.domains["math"].verify.keep_unverified is False


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("domains: {physics: {sources: [{name: a, adapter: messages, path: a.jsonl}]}}", "domains.physics: unknown value 'physics'"),
        ("domains: {math: {sources: [{name: a, adapter: nope, path: a.jsonl}]}}", "domains.math.sources[0].adapter: unknown adapter 'nope'; known: codeforces_cots"),
        ("domains: {math: {sources: [{name: a, adapter: messages, path: missing.jsonl}]}}", "domains.math.sources[0].path: no file matches"),
        ("domains: {math: {sources: [{name: a, adapter: messages}]}}", "domains.math.sources[0]: give exactly one of 'path'"),
        ("domains: {math: {sources: []}}", "domains.math.sources: needs at least 1 item"),
        ("domains: {math: {sources: [{name: a, adapter: messages, path: a.jsonl, wieght: 2}]}}", "domains.math.sources[0].wieght: unknown key 'wieght'"),
        ("max_tokens: -1\ndomains: {math: {sources: [{name: a, adapter: messages, path: a.jsonl}]}}", "max_tokens: Input should be greater than or equal to 1"),
        ("domains: [1, 2]", "domains: Input should be a valid dictionary"),
        ("domains: {math: {sources: [{name: a, adapter: messages, path: a.jsonl}, {name: a, adapter: messages, path: a.jsonl}]}}", "domains.math: source names must be unique"),
    ],
)
def test_bad_recipes_name_the_key_at_fault(tmp_path, body, message):
    with pytest.raises(RecipeError, match=re.escape(message)):
        load_recipe(write(tmp_path, body))


def test_missing_recipe_and_bad_yaml(tmp_path):
    with pytest.raises(RecipeError, match="not found"):
        load_recipe(tmp_path / "none.yaml")
    with pytest.raises(RecipeError, match="not valid YAML"):
        load_recipe(write(tmp_path, "domains: {math: [unclosed"))


def test_select_rejects_unknown_and_absent_domains(tmp_path):
    recipe = load_recipe(write(tmp_path, "domains: {math: {sources: [{name: a, adapter: messages, path: a.jsonl}]}}"))
    assert list(recipe.select(["math"])) == ["math"]
    with pytest.raises(RecipeError, match="unknown domain"):
        recipe.select(["maths"])
    with pytest.raises(RecipeError, match="no source for domain"):
        recipe.select(["code"])


def test_filters_section_enables_named_filters_with_typed_options(tmp_path):
    recipe = load_recipe(write(tmp_path, """
domains: {math: {sources: [{name: a, adapter: messages, path: a.jsonl}]}}
filters: {language: {expected: en, max_foreign_ratio: 0, max_foreign_run: 80}, think_structure: {}, repetition: null}
"""))
    assert set(recipe.filters) == {"language", "think_structure", "repetition"}
    assert recipe.filters["language"].max_foreign_ratio == 0 and recipe.filters["language"].max_foreign_run == 80
    assert load_recipe(write(tmp_path, "domains: {math: {sources: [{name: a, adapter: messages, path: a.jsonl}]}}")).filters == {}


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ("{toxicity: {}}", "filters: unknown filter(s) toxicity; known: think_structure"),
        ("{repetition: {ngrams: 8}}", "filters: repetition: unknown option(s) ngrams; allowed"),
        ("{repetition: {ngram: true}}", "filters: repetition.ngram: Input should be a valid integer"),
        ("{answer_format: {math_boxed: 1}}", "filters: answer_format.math_boxed: Input should be a valid boolean"),
        ("{language: {expected: klingon}}", "filters: language: unknown language 'klingon'"),
        ("[language]", "filters: Input should be a valid dictionary"),
    ],
)
def test_bad_filters_name_the_key_at_fault(tmp_path, filters, message):
    with pytest.raises(RecipeError, match=re.escape(message)):
        load_recipe(write(tmp_path, f"domains: {{math: {{sources: [{{name: a, adapter: messages, path: a.jsonl}}]}}}}\nfilters: {filters}"))
