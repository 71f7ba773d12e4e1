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

# the shape of the cached data: change it whenever _load_validated's output changes, so that a
# cache written by an older xxgk of the same version number is not read
CACHE_SHAPE = "phrasebook-6"
_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)(?::([^{}]*))?\}")
# the matcher's own lexicon entries: what ends a sentence and a clause
SENTENCE_END = "sentence_end"
CLAUSE_END = "clause_end"

# where an example's wording comes from (its `source`): a sentence quoted as published (a repository
# file, a corpus file, the seed), a published sentence with its names and figures changed
# ("adapted from URL (…)": the web page it stood on may not be copied verbatim), or a shape written by hand
ORIGINS = ("real", "adapted", "invented")
ADAPTED = "adapted from "
INVENTED = "invented"


def example_origin(example: dict) -> str:
    """'real', 'adapted' or 'invented', read from an example's source (see docs/phrasebook.md)."""
    source = example["source"]
    if source.startswith(INVENTED):
        return "invented"
    return "adapted" if source.startswith(ADAPTED) else "real"


def origin_counts(examples: list[dict]) -> dict[str, tuple[int, int]]:
    """Per origin, how many examples a kind reads and how many it must not read: {origin: (read, not read)}.
    A pending example (one the kind does not read right yet) is not counted."""
    counts = {origin: [0, 0] for origin in ORIGINS}
    for e in examples:
        if e.get("pending"):
            continue
        counts[example_origin(e)][e["finds"] == "none"] += 1
    return {origin: (n[0], n[1]) for origin, n in counts.items()}


def origin_table(book: "Phrasebook") -> str:
    """The Markdown table of docs/phrasebook.md: per kind, examples read / not read, per origin."""
    rows = ["| kind | real | adapted | invented | pending |", "|---|---|---|---|---|"]
    total = {origin: [0, 0] for origin in ORIGINS}
    pending_total = 0
    for kind in sorted(book.kinds):
        counts = origin_counts(book.examples[kind])
        pending = sum(bool(e.get("pending")) for e in book.examples[kind])
        pending_total += pending
        for origin, (read, unread) in counts.items():
            total[origin][0] += read
            total[origin][1] += unread
        rows.append(f"| {kind} | " + " | ".join(f"{r} / {u}" for r, u in counts.values()) + f" | {pending} |")
    rows.append("| **all** | " + " | ".join(f"**{r} / {u}**" for r, u in total.values()) + f" | **{pending_total}** |")
    return "\n".join(rows) + "\n"


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


def _any(values: list[str]) -> str:
    """One expression for a list of them (unless_before, hedges, a topic's patterns …)."""
    return "|".join(f"(?:{v})" for v in values)


def _words(values: list[str]) -> str:
    return "|".join(re.escape(v) for v in sorted(values, key=len, reverse=True))


def _compile_kind(kind_id: str, kind: dict, lexicon: dict) -> tuple[dict, list[tuple[str, str]]]:
    """The kind as run-time data, and any problems. Every regular expression the matcher uses
    for the kind is listed under `regex` (key -> source), its patterns under `patterns`; the
    sources are final here, so that their compiled programs can be cached with them."""
    problems: list[tuple[str, str]] = []
    local = {"unit": _unit_pattern(kind["units"])} if "units" in kind else {}
    out = {k: v for k, v in kind.items() if k != "examples"}
    sources: dict[str, str] = {}

    def expanded(key: str, values: list[str]) -> list[str]:
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

    out["patterns"] = expanded("patterns", kind.get("patterns", []))
    for key in ("unless_before", "unless_after", "intro", "close", "stated", "stated_alone", "hedges",
                "trailing_hedges", "enders", "channels", "properties"):
        if kind.get(key):
            sources[key] = _any(expanded(key, kind[key]))
    if "between" in kind:
        between = expanded("between", [kind["between"]])
        sources["between"] = between[0] if between else "(?!)"
    if "item" in kind:
        item = expanded("item", [kind["item"]])
        sources["item"] = item[0] if item else "(?!)"
    for topic_id, topic in kind.get("topics", {}).items():
        sources[f"topics.{topic_id}"] = _any(expanded(f"topics.{topic_id}.patterns", topic["patterns"]))
    for i, cls in enumerate(kind.get("classes", [])):
        sources[f"classes.{cls['id']}"] = _any(expanded(f"classes[{i}].patterns", cls["patterns"]))
    if kind.get("separators"):
        sources["separators"] = _words(kind["separators"])
    neg = kind.get("negation")
    if neg:
        sources["negation.cues"] = _words(neg["cues"])
        if neg.get("coordinators"):
            sources["negation.coordinators"] = _words(neg["coordinators"])
    out["regex"] = sources
    tags = {m["tag"] for m in kind.get("means", []) if "tag" in m}
    if tags:
        out["tags"] = sorted(tags)
    if kind["shape"] == "claim":
        tags = set(kind["contradicted_by"])
        heads = set(kind.get("negation", {}).get("heads", {}))
        if heads - tags:
            problems.append((f"kinds.{kind_id}.negation.heads", f"tags without contradicted_by: {sorted(heads - tags)}"))
    return out, problems


# ---------------------------------------------------------------- compiled programs
# CPython compiles regular expressions in Python (re._parser, re._compiler); a pattern with classes
# of Chinese characters costs 0.3-1.5 ms, and the phrasebook has some sixty of them. The compiled
# program (a list of ints) is what `_sre.compile` needs to rebuild the pattern object, so it is
# computed on a cache miss and stored with the phrasebook; the cache key holds the interpreter's
# version, and any failure falls back to re.compile.

def program(source: str) -> list | None:
    """[flags, code, groups, groupindex, indexgroup] for `source`, or None on an interpreter whose
    regex internals differ from CPython 3.10-3.13's. The code (32-bit words) is kept as bytes:
    marshal stores bytes as one block, where a list of ints costs a Python object per word."""
    try:
        try:
            from re import _compiler, _parser  # noqa: PLC0415  (3.11+)
        except ImportError:  # pragma: no cover - 3.10
            import sre_compile as _compiler  # noqa: PLC0415
            import sre_parse as _parser  # noqa: PLC0415
        parsed = _parser.parse(source, 0)
        code = _compiler._code(parsed, 0)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        words = memoryview(bytearray(4 * len(code))).cast("I")
        for i, x in enumerate(code):
            words[i] = x
        made = [int(parsed.state.flags), words.tobytes(), parsed.state.groups - 1, groupindex, indexgroup]
        rebuilt = rebuild(source, made)
        if rebuilt is None or rebuilt.groupindex != re.compile(source).groupindex:
            return None
        return made
    except Exception:  # noqa: BLE001 - any surprise of the internals: compile normally at run time
        return None


def rebuild(source: str, made: list | None) -> re.Pattern | None:
    if made is None:
        return None
    try:
        import _sre  # noqa: PLC0415

        flags, code, groups, groupindex, indexgroup = made
        return _sre.compile(source, flags, memoryview(code).cast("I").tolist(), groups, groupindex,
                            tuple(indexgroup))
    except Exception:  # noqa: BLE001
        return None


def _load_validated(files: list[str], programs: bool = True) -> dict:
    """Validate every file, merge them, expand patterns: {'kinds', 'examples', 'bounds', 'programs'}."""
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
    sources = set(plain.values())
    for kind in kinds.values():
        sources.update(kind["patterns"])
        sources.update(kind["regex"].values())
    made_programs = {src: made for src in sorted(sources) if programs and (made := program(src)) is not None}
    return {"kinds": kinds, "examples": examples, "bounds": plain, "programs": made_programs}


@record
class Kind:
    """One statement kind: validated data plus its regular expressions, compiled on first use."""

    id: str
    data: dict
    programs: dict = field(default_factory=dict)
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

    def _compile(self, source: str) -> re.Pattern:
        return rebuild(source, self.programs.get(source)) or re.compile(source)

    def patterns(self) -> list[re.Pattern]:
        got = self._compiled.get("patterns")
        if got is None:
            got = self._compiled["patterns"] = [self._compile(p) for p in self.data["patterns"]]
        return got

    def regex(self, key: str) -> re.Pattern | None:
        """The kind's expression for `key` (unless_before, topics.ID, negation.cues …), or None."""
        got = self._compiled.get(key, False)
        if got is False:
            source = self.data["regex"].get(key)
            got = self._compiled[key] = self._compile(source) if source else None
        return got


@record
class Phrasebook:
    kinds: dict[str, Kind]
    sentence_end: re.Pattern
    clause_end: re.Pattern
    files: list = field(default_factory=list)

    def kind(self, kind_id: str) -> Kind:
        try:
            return self.kinds[kind_id]
        except KeyError:
            raise KeyError(f"phrase kind {kind_id!r} is not in the phrasebook") from None

    @property
    def examples(self) -> dict[str, list[dict]]:
        """Every kind's example sentences (for the tests and `xxgk explain`, not for checking)."""
        return cached("phrase-examples", self.files, lambda: _load_validated(self.files, programs=False)["examples"],
                      extra=CACHE_SHAPE)


@lru_cache(maxsize=None)
def load_phrasebook(directory: str | None = None) -> Phrasebook:
    """The built-in phrasebook (rules/phrases/), validated and cached by content."""
    files = phrase_files(directory)

    def build() -> dict:
        data = _load_validated(files)
        del data["examples"]  # kept in a cache of their own: a check does not need them
        return data

    data = cached("phrases", files, build, extra=CACHE_SHAPE)
    programs = data["programs"]
    bounds = data["bounds"]
    return Phrasebook(kinds={k: Kind(k, v, programs) for k, v in data["kinds"].items()},
                      sentence_end=rebuild(bounds[SENTENCE_END], programs.get(bounds[SENTENCE_END]))
                      or re.compile(bounds[SENTENCE_END]),
                      clause_end=rebuild(bounds[CLAUSE_END], programs.get(bounds[CLAUSE_END]))
                      or re.compile(bounds[CLAUSE_END]),
                      files=files)
