"""The phrasebook (rules/phrases/*.yaml): every example sentence of every kind, run as a test,
and the collection's own promises (real sources, enough positives and negatives per kind).

`pytest tests/test_phrasebook.py -k applications.none` runs one kind's examples.
"""
from __future__ import annotations

import pytest

from validator.phrases import find, load_phrasebook
from validator.phrases.book import _load_validated
from validator.validation import SchemaError

BOOK = load_phrasebook()
EXAMPLES = [(kind, i, ex) for kind, exs in BOOK.examples.items() for i, ex in enumerate(exs)]

# every kind has at least this many real (published) sentences that it reads, and that it must not read
MIN_REAL_POSITIVE = 10
MIN_REAL_NEGATIVE = 5
# kinds whose collection of real sentences is not complete yet (issue 11): strict xfail, so that the
# marker must go when the collection is done
COLLECTING = {"applications.all_concluded", "text.placeholders"}


def is_real(example: dict) -> bool:
    return not example["source"].startswith("invented")


def expected(example: dict) -> list[dict]:
    finds = example["finds"]
    return [] if finds == "none" else [finds] if isinstance(finds, dict) else finds


def statement_facts(st) -> dict:
    """What an example may state about a statement, per shape."""
    out = {"quote": st.quote, "tags": list(st.tags)}
    if isinstance(st.value, dict):
        out.update(st.value)
    elif st.value is not None:
        out["value"] = st.value
    return out


@pytest.mark.parametrize("kind,i,example", EXAMPLES, ids=[f"{k}-{i}" for k, i, _ in EXAMPLES])
def test_example(kind, i, example):
    statements = find(BOOK, kind, example["text"])
    if BOOK.kind(kind).shape == "mention":
        # a mention example names the topics the sentence touches, in any order and number
        named = sorted({t for st in statements for t in st.tags})
        want_topics = sorted(expected(example)[0]["topics"]) if expected(example) else []
        assert named == want_topics, f"{kind}: {example['text']!r}: named {named}, expected {want_topics}"
        return
    got = [statement_facts(st) for st in statements]
    want = expected(example)
    assert len(got) == len(want), f"{kind}: {example['text']!r}: expected {want}, read {got}"
    for g, w in zip(got, want):
        for key, value in w.items():
            assert g.get(key) == value, f"{kind}: {example['text']!r}: {key} = {g.get(key)!r}, expected {value!r}"


def _collecting(kind):
    return pytest.param(kind, marks=[pytest.mark.xfail(strict=True, reason="issue 11: collecting real sentences")]
                        if kind in COLLECTING else [])


@pytest.mark.parametrize("kind", [_collecting(k) for k in sorted(BOOK.kinds)])
def test_kind_has_enough_real_examples(kind):
    examples = BOOK.examples[kind]
    positive = [e for e in examples if is_real(e) and expected(e)]
    negative = [e for e in examples if is_real(e) and not expected(e)]
    assert len(positive) >= MIN_REAL_POSITIVE and len(negative) >= MIN_REAL_NEGATIVE, (
        f"{kind}: {len(positive)} real positive, {len(negative)} real negative examples")


def test_at_least_300_real_sentences():
    real = {e["text"] for exs in BOOK.examples.values() for e in exs if is_real(e)}
    assert len(real) >= 300, len(real)


def test_invented_examples_say_what_they_stand_for():
    for kind, exs in BOOK.examples.items():
        for e in exs:
            if not is_real(e):
                assert e["source"].startswith("invented: shape of "), (kind, e["source"])


def test_examples_are_single_sentences():
    for kind, exs in BOOK.examples.items():
        for e in exs:
            assert "\n" not in e["text"].strip() and len(e["text"]) <= 400, (kind, e["text"][:40])


def _book_from(tmp_path, text: str):
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    return _load_validated([str(tmp_path / "a.yaml")])


LEXICON = "phrasebook: 1\nlexicon:\n  sentence_end: '[。]'\n  clause_end: '[，。]'\n"


def test_an_unknown_lexicon_entry_is_a_clear_error(tmp_path):
    with pytest.raises(SchemaError) as exc:
        _book_from(tmp_path, LEXICON + """kinds:
  a.b:
    title: {zh: 甲, en: a}
    shape: count
    patterns: ['收到{nothing}{unit}']
    units: [件]
    means: [{expr: 1, label: x}]
    examples: [{text: 收到1件, finds: none, source: 'invented: shape of a test'}]
""")
    assert "kinds.a.b.patterns[0]" in str(exc.value) and "{nothing}" in str(exc.value)


def test_a_bad_regular_expression_is_a_clear_error(tmp_path):
    with pytest.raises(SchemaError) as exc:
        _book_from(tmp_path, LEXICON + """kinds:
  a.b:
    title: {zh: 甲, en: a}
    shape: mention
    topics: {t: {title: {zh: 甲, en: a}, patterns: ['(unclosed']}}
    examples: [{text: 甲乙, finds: none, source: 'invented: shape of a test'}]
""")
    assert "kinds.a.b.topics.t.patterns[0]" in str(exc.value) and "bad pattern" in str(exc.value)


def test_a_kind_without_examples_is_refused(tmp_path):
    with pytest.raises(SchemaError) as exc:
        _book_from(tmp_path, LEXICON + """kinds:
  a.b:
    title: {zh: 甲, en: a}
    shape: mention
    topics: {t: {title: {zh: 甲, en: a}, patterns: ['甲']}}
""")
    assert "examples" in str(exc.value)


def test_a_claim_tag_needs_its_contradiction(tmp_path):
    with pytest.raises(SchemaError) as exc:
        _book_from(tmp_path, LEXICON + """kinds:
  a.b:
    title: {zh: 甲, en: a}
    shape: claim
    negation: {cues: [未], heads: {x: [申请], y: [复议]}}
    contradicted_by: {x: [1]}
    examples: [{text: 未申请, finds: none, source: 'invented: shape of a test'}]
""")
    assert "tags without contradicted_by" in str(exc.value) and "'y'" in str(exc.value)


def test_explain_shows_the_kinds_a_rule_reads_with_examples_run_now(capsys):
    from conftest import cli_run

    code, out, _ = cli_run(["explain", "TXT003"], capsys)
    assert code == 0
    assert "applications.none" in out and "读取的例子" in out and "不读取的例子" in out
    assert "→ 读取：applications" in out and "→ 不读取" in out
    code, out, _ = cli_run(["explain", "TXT004", "--lang", "en"], capsys)
    assert code == 0 and "cases.none" in out and "sentences it must not read" in out


def test_explain_a_phrase_kind_lists_all_its_examples(capsys):
    from conftest import cli_run

    code, out, _ = cli_run(["explain", "cases.none"], capsys)
    assert code == 0
    assert out.count("→ ") == len(BOOK.examples["cases.none"])
