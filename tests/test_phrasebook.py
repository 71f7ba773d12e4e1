"""The phrasebook (rules/phrases/*.yaml): every example sentence of every kind, run as a test,
and the collection's own promises (real sources, enough positives and negatives per kind).

An example is real (quoted as published, from a repository file, a corpus file or the seed), adapted
(a sentence published on a web page, with its names and figures changed: "adapted from URL (…)"), or
invented ("invented: shape of …"). Real and adapted examples both carry real wording and count toward
the minimums; the counts keep them in columns of their own.

`pytest tests/test_phrasebook.py -k applications.none` runs one kind's examples.
"""
from __future__ import annotations

import re

import pytest

from validator.phrases import example_origin, find, load_phrasebook
from validator.phrases.book import _load_validated
from validator.validation import SchemaError

BOOK = load_phrasebook()
# an example marked `pending: "issue N: …"` states the right reading of a sentence the kind does not
# read right yet: a strict xfail, so that the marker must go when it does
EXAMPLES = [pytest.param(kind, i, ex, id=f"{kind}-{i}",
                         marks=[pytest.mark.xfail(strict=True, reason=ex["pending"])] if ex.get("pending") else [])
            for kind, exs in BOOK.examples.items() for i, ex in enumerate(exs)]

# every kind has at least this many sentences of real wording (real or adapted) that it reads, and that
# it must not read
MIN_REAL_POSITIVE = 10
MIN_REAL_NEGATIVE = 5
# kinds whose collection of real sentences is not complete yet (issue 11): strict xfail, so that the
# marker must go when the collection is done
COLLECTING = {"text.placeholders"}


ADAPTED_NOTE = "(names and figures changed; the pages corpus is not copied verbatim)"


def is_real(example: dict) -> bool:
    """Real wording (quoted as published, or adapted from a published sentence) that the kind reads
    right: pending examples do not count toward the minimums."""
    return example_origin(example) != "invented" and not example.get("pending")


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


@pytest.mark.parametrize("kind,i,example", EXAMPLES)
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

    def split(chosen):
        adapted = sum(example_origin(e) == "adapted" for e in chosen)
        return f"{len(chosen)} ({len(chosen) - adapted} real + {adapted} adapted)"
    assert len(positive) >= MIN_REAL_POSITIVE and len(negative) >= MIN_REAL_NEGATIVE, (
        f"{kind}: positive {split(positive)}, negative {split(negative)}")


def test_at_least_300_real_sentences():
    real = {e["text"]: example_origin(e) for exs in BOOK.examples.values() for e in exs if is_real(e)}
    adapted = sum(origin == "adapted" for origin in real.values())
    assert len(real) >= 300, f"{len(real)} sentences of real wording ({len(real) - adapted} real + {adapted} adapted)"


def test_invented_examples_say_what_they_stand_for():
    for kind, exs in BOOK.examples.items():
        for e in exs:
            if example_origin(e) == "invented":
                assert e["source"].startswith("invented: shape of "), (kind, e["source"])


def test_web_page_sentences_are_adapted_not_copied():
    """A sentence taken from a stored web page is never copied verbatim: its source is
    "adapted from URL (names and figures changed; …)". Verbatim sentences cite a repository file
    (repo@commit path), a corpus file or the seed, never a bare URL."""
    adapted = re.compile(r"adapted from https?://\S+ " + re.escape(ADAPTED_NOTE) + "$")
    for kind, exs in BOOK.examples.items():
        for e in exs:
            source = e["source"]
            if example_origin(e) == "adapted":
                assert adapted.match(source), (kind, source)
            else:
                assert not re.match(r"\s*(?:https?://|www\.)", source), (kind, e["text"][:30], source)


def _local_source(source: str):
    """The file a real example quotes, where we hold it: tests/corpus/F, shared corpus F, shared seed F."""
    from conftest import CORPUS, ROOT, SHARED

    words = source.split()
    if words[0].startswith("tests/corpus/"):
        return ROOT / words[0]
    if words[:2] == ["shared", "corpus"]:
        return CORPUS / words[2]
    if words[:2] == ["shared", "seed"]:
        return SHARED / "seed" / words[2]
    return None


def test_real_examples_are_quoted_as_published():
    """A real example citing a file we hold is in that file word for word (whitespace and page numbers
    aside: PDF text wraps lines and pages); a sentence is quoted whole, never abridged. Examples from
    repositories (github OWNER/REPO@COMMIT PATH) cannot be checked here (no network): see docs/phrasebook.md."""
    from conftest import need_shared

    unquoted, checked, texts = [], 0, {}
    for kind, exs in BOOK.examples.items():
        for e in exs:
            path = _local_source(e["source"]) if example_origin(e) == "real" else None
            if path is None:
                continue
            if not path.exists():
                need_shared()
            if path not in texts:
                # a PDF's text wraps lines and breaks pages ("-4-" on a line of its own)
                text = re.sub(r"\n\s*-\s*\d+\s*-\s*\n", "\n", path.read_text(encoding="utf-8", errors="replace"))
                texts[path] = re.sub(r"\s+", "", text)
            checked += 1
            if re.sub(r"\s+", "", e["text"]) not in texts[path]:
                unquoted.append((kind, e["text"][:40], e["source"]))
    assert checked and not unquoted, unquoted


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


def test_a_pending_example_names_its_issue(tmp_path):
    """`pending` says which issue owns the missing reading ("issue N: …"); anything else is refused."""
    kind = LEXICON + """kinds:
  a.b:
    title: {zh: 甲, en: a}
    shape: mention
    topics: {t: {title: {zh: 甲, en: a}, patterns: ['甲']}}
    examples: [{text: 乙丙, finds: {topics: [t]}, source: 'invented: shape of a test', pending: PENDING}]
"""
    with pytest.raises(SchemaError) as exc:
        _book_from(tmp_path, kind.replace("PENDING", "'not read yet'"))
    assert "pending" in str(exc.value)
    _book_from(tmp_path, kind.replace("PENDING", "'issue 11: 乙 is not a synonym yet'"))


def test_pending_examples_do_not_count():
    from validator.phrases.book import origin_counts

    examples = [{"text": "甲", "finds": {"tags": ["x"]}, "source": "tests/corpus/a.txt"},
                {"text": "乙", "finds": {"tags": ["x"]}, "source": "tests/corpus/a.txt", "pending": "issue 11: x"},
                {"text": "丙", "finds": "none", "source": "adapted from http://a.gov.cn/ " + ADAPTED_NOTE}]
    assert origin_counts(examples) == {"real": (1, 0), "adapted": (0, 1), "invented": (0, 0)}


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


def test_explain_a_phrase_kind_counts_each_origin_and_shows_real_sentences_first(capsys):
    from conftest import cli_run

    examples = BOOK.examples["cases.count"]
    code, out, _ = cli_run(["explain", "cases.count", "--lang", "en"], capsys)
    assert code == 0

    def count(origin, positive):
        return sum(example_origin(e) == origin and bool(expected(e)) == positive for e in examples)
    line = "examples (read / not read): " + ", ".join(
        f"{o} {count(o, True)}/{count(o, False)}" for o in ("real", "adapted", "invented"))
    assert line in out
    # within the sentences it reads, every real one comes before every adapted one, and those before invented
    shown = [ln.strip()[1:-1] for ln in out.split("sentences it must not read")[0].splitlines()
             if ln.strip().startswith("[")]
    ranks = [("real", "adapted", "invented").index(example_origin({"source": s})) for s in shown]
    assert ranks == sorted(ranks) and len(set(ranks)) == 3, ranks


def test_a_breakdown_is_read_within_its_sentence_and_a_runaway_list_is_not():
    # a repeated or flattened span with no sentence end made every total read the rest of the page
    # (quadratic: a fuzzed report of 110 KB took 24 s); a breakdown is one sentence of a few items
    book = load_phrasebook()
    one = "主动公开政府信息100条，其中政策文件30条，工作动态70条。"
    got = find(book, "breakdown.items", one)
    assert [st.value["items"] for st in got] == [[["政策文件", 30], ["工作动态", 70]]]
    runaway = "主动公开政府信息100条，其中政策文件30条，" + "工作动态1条，" * 3000
    assert find(book, "breakdown.items", runaway) == []
    # the same sentence after a long stretch without a sentence end is still read
    assert len(find(book, "breakdown.items", "说明" * 3000 + one)) == 1
