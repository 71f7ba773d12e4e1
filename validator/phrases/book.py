"""The phrasebook: rules/phrases/*.yaml, schema-checked and cached like the rule files.

A file holds `lexicon` entries (named pieces of pattern) and `kinds` (the statement kinds that
rules read: "applications received: N件", "no review or litigation", the preface's list of parts
…). Patterns are regular expressions with `{name}` / `{name:ARG}` placeholders for lexicon
entries; a kind's `{unit}` stands for its own units. Expansion happens when the files are
validated (a cache miss); a pattern is compiled when a kind is first used, so a run pays only
for the kinds its rules read.

Shapes and fields are documented in docs/phrasebook.md; the matcher is validator/phrases/match.py.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache

from validator.records import field, record
from validator.resources import rules_dir
from validator.validation import SchemaError, cached, schema_problems
from validator.yamlio import load_yaml

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any

_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)(?::([^{}]*))?\}")
# the matcher's own lexicon entries: what ends a sentence and a clause
SENTENCE_END = "sentence_end"
CLAUSE_END = "clause_end"


def phrase_files(directory: str | None = None) -> list[str]:
    """rules/phrases/*.yaml, sorted."""
    folder = os.path.join(directory or rules_dir(), "phrases")
    if not os.path.isdir(folder):
        return []
    return sorted(os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(".yaml"))


def _alternation(words: list[str]) -> str:
    # longest first, so that 政府信息公开申请 wins over 申请
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")"


def expand(template: str, lexicon: dict[str, Any], local: dict[str, str] | None = None, _depth: int = 0) -> str:
    """Replace {name} / {name:ARG} by lexicon pieces (recursively); raises KeyError for an unknown name."""
    if _depth > 8:
        raise ValueError(f"lexicon entries nest too deep in {template!r}")

    def piece(m: re.Match) -> str:
        name, arg = m.group(1), m.group(2)
        if local and name in local:
            return local[name]
        if name not in lexicon:
            raise KeyError(name)
        entry = lexicon[name]
        if isinstance(entry, list):
            return _alternation(entry)
        text = entry.replace("$1", arg) if arg is not None else entry
        return "(?:" + expand(text, lexicon, local, _depth + 1) + ")"

    return _PLACEHOLDER.sub(piece, template)


def _unit_pattern(units: Any) -> str:
    names = list(units) if isinstance(units, dict) else units
    return "(?P<unit>" + _alternation(names)[3:]


def _compile_kind(kind_id: str, kind: dict, lexicon: dict) -> tuple[dict, list[tuple[str, str]]]:
    """The kind with its patterns expanded to plain regular expressions, and any problems."""
    problems: list[tuple[str, str]] = []
    local = {"unit": _unit_pattern(kind["units"])} if "units" in kind else {}
    out = {k: v for k, v in kind.items() if k != "examples"}

    def regexes(key: str, values: list[str]) -> list[str]:
        done = []
        for i, v in enumerate(values):
            try:
                text = expand(v, lexicon, local)
                re.compile(text)
            except KeyError as exc:
                problems.append((f"kinds.{kind_id}.{key}[{i}]", f"unknown lexicon entry {{{exc.args[0]}}}"))
                continue
            except (re.error, ValueError) as exc:
                problems.append((f"kinds.{kind_id}.{key}[{i}]", f"bad pattern: {exc}"))
                continue
            done.append(text)
        return done

    for key in ("patterns", "unless_before", "unless_after", "intro", "close", "stated", "stated_alone", "hedges",
                "enders"):
        if key in kind:
            out[key] = regexes(key, kind[key])
    if "item" in kind:
        item = regexes("item", [kind["item"]])
        out["item"] = item[0] if item else ""
    for topic_id, topic in kind.get("topics", {}).items():
        out["topics"][topic_id] = {**topic, "patterns": regexes(f"topics.{topic_id}.patterns", topic["patterns"])}
    for i, cls in enumerate(kind.get("classes", [])):
        out["classes"][i] = {**cls, "patterns": regexes(f"classes[{i}].patterns", cls["patterns"])}
    tags = {m["tag"] for m in kind.get("means", []) if "tag" in m}
    if tags:
        out["tags"] = sorted(tags)
    if kind["shape"] == "claim":
        tags = set(kind["contradicted_by"])
        heads = set(kind.get("negation", {}).get("heads", {}))
        if heads - tags:
            problems.append((f"kinds.{kind_id}.negation.heads", f"tags without contradicted_by: {sorted(heads - tags)}"))
    return out, problems


def _load_validated(files: list[str]) -> dict:
    """Validate every file, merge them, expand patterns: {'kinds': …, 'examples': …, 'lexicon': …}."""
    datas = []
    for f in files:
        data = load_yaml(f)
        if not isinstance(data, dict):
            raise SchemaError(str(f), [("", "a phrasebook file must be a mapping")])
        problems = schema_problems(data, "phrasebook.schema.json")
        if problems:
            raise SchemaError(str(f), problems)
        datas.append((f, data))
    lexicon: dict[str, Any] = {}
    for f, data in datas:
        for name, entry in (data.get("lexicon") or {}).items():
            if name in lexicon:
                raise SchemaError(str(f), [(f"lexicon.{name}", "defined twice in the phrasebook")])
            lexicon[name] = entry
    for name in (SENTENCE_END, CLAUSE_END):
        if name not in lexicon:
            raise SchemaError(str(files[0]) if files else "rules/phrases", [("lexicon", f"{name} is required")])
    kinds: dict[str, dict] = {}
    examples: dict[str, list] = {}
    for f, data in datas:
        problems = []
        for kind_id, kind in (data.get("kinds") or {}).items():
            if kind_id in kinds:
                problems.append((f"kinds.{kind_id}", "defined twice in the phrasebook"))
                continue
            compiled, kind_problems = _compile_kind(kind_id, kind, lexicon)
            problems.extend(kind_problems)
            compiled["source"] = str(f)
            kinds[kind_id] = compiled
            examples[kind_id] = kind["examples"]
        if problems:
            raise SchemaError(str(f), problems)
    plain = {name: (_alternation(v) if isinstance(v, list) else expand(v, lexicon)) for name, v in lexicon.items()
             if name in (SENTENCE_END, CLAUSE_END)}
    return {"kinds": kinds, "examples": examples, "bounds": plain}


@record
class Kind:
    """One statement kind, as validated data plus its compiled patterns (compiled on first use)."""

    id: str
    data: dict
    _compiled: dict = field(default_factory=dict)

    @property
    def shape(self) -> str:
        return self.data["shape"]

    @property
    def title(self) -> dict[str, str]:
        return self.data["title"]

    @property
    def where(self) -> list:
        return self.data.get("where") or ["preface", 1, 2, 3, 4, 5, 6]

    def regexes(self, key: str) -> list[re.Pattern]:
        got = self._compiled.get(key)
        if got is None:
            got = self._compiled[key] = [re.compile(p) for p in self.data.get(key, [])]
        return got

    def regex(self, key: str, values: list[str] | None = None) -> re.Pattern | None:
        """One pattern for a list of them, their alternation (unless_before, hedges …); `values`
        gives the list when it is not the field `key` itself (a topic's patterns, the cues)."""
        got = self._compiled.get("|" + key, False)
        if got is False:
            values = self.data.get(key) if values is None else values
            got = self._compiled["|" + key] = (
                re.compile("|".join(f"(?:{v})" for v in values)) if values else None)
        return got


@record
class Phrasebook:
    kinds: dict[str, Kind]
    examples: dict[str, list[dict]]
    sentence_end: str
    clause_end: str

    def kind(self, kind_id: str) -> Kind:
        try:
            return self.kinds[kind_id]
        except KeyError:
            raise KeyError(f"phrase kind {kind_id!r} is not in the phrasebook") from None


@lru_cache(maxsize=None)
def load_phrasebook(directory: str | None = None) -> Phrasebook:
    """The built-in phrasebook (rules/phrases/), validated and cached by content."""
    files = phrase_files(directory)
    data = cached("phrases", files, lambda: _load_validated(files))
    return Phrasebook(kinds={k: Kind(k, v) for k, v in data["kinds"].items()}, examples=data["examples"],
                      sentence_end=data["bounds"][SENTENCE_END], clause_end=data["bounds"][CLAUSE_END])
