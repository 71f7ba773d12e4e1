"""Rule selectors — what `--select`/`--ignore`, the config's select/ignore/severity/options and
suppression comments may name — and their validation.

A selector is a rule id (SUM003), a prefix of ids that some rule has (SUM, SUM0, SUM00), a rule
name (application-balance), a group (tables), an alias, or ALL. Like ruff's, ids and prefixes are
case-sensitive: `sum003` is not SUM003. A selector that names no rule is an error (exit 2), never
silently nothing: a typo must not turn the linter off while CI stays green. The error suggests
what was probably meant ("did you mean SUM003?").
"""
from __future__ import annotations

from validator.i18n import LocalizedError

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from validator.engine.rules import Rule

ALL = "ALL"


class SelectorError(LocalizedError):
    """Unknown selectors: a usage or config error (exit 2), with a message in each language."""


def matches(rule: Rule, selector: str) -> bool:
    """Whether `selector` names `rule` (id, id prefix, name, group, alias or ALL)."""
    return selector == ALL or selector in rule.selectors() or (_is_prefix(selector) and rule.id.startswith(selector))


def _is_prefix(selector: str) -> bool:
    # "SUM", "SUM0", "SUM00": three capitals and up to two digits; never a lone "S" or "SU"
    return len(selector) >= 3 and selector[:3].isalpha() and selector[:3].isupper() and selector[3:].isdigit()


def select_rules(rules: list[Rule], select: list[str], ignore: list[str]) -> list[Rule]:
    """The rules `select` names (all when empty), minus those `ignore` names."""
    chosen = [r for r in rules if not select or any(matches(r, s) for s in select)]
    return [r for r in chosen if not any(matches(r, s) for s in ignore)]


def unknown(rules: list[Rule], selectors: list[str]) -> list[str]:
    """The selectors that name no rule, in their order."""
    return [s for s in selectors if not any(matches(r, s) for r in rules)]


def suggestions(rules: list[Rule], selector: str) -> list[str]:
    """What a selector that names nothing probably meant: the same in other case, close spellings,
    or the range of its area's ids ("SUM999" -> "SUM001 … SUM006")."""
    code_like = len(selector) > 3 and selector[:3].isalpha() and selector[3:].isdigit()
    known: list[str] = []
    for r in rules:
        for name in ((r.id,) if code_like else (r.id, r.area, r.name, *r.groups, *r.aliases)):
            if name not in known:
                known.append(name)
    folded = [k for k in known if k.casefold() == selector.casefold()]
    if folded:
        return folded
    import difflib  # noqa: PLC0415 - only for a selector that matches nothing (start-up)

    close = difflib.get_close_matches(selector, known, n=2, cutoff=0.7)
    if close or not code_like:
        return close
    in_area = [r.id for r in rules if r.area == selector[:3].upper()]
    if len(in_area) > 2:
        return [f"{in_area[0]} … {in_area[-1]}"]
    return in_area


def validate(rules: list[Rule], selectors: list[str], where: dict[str, str]) -> None:
    """Raise SelectorError naming `where` ({"zh", "en"}: "--select", "pyproject.toml [tool.xxgk] select")
    when a selector names no rule."""
    bad = unknown(rules, selectors)
    if not bad:
        return
    from validator.i18n import t  # noqa: PLC0415

    messages = {}
    for lang in ("zh", "en"):
        items = []
        for s in bad:
            hint = suggestions(rules, s)
            items.append(t("selector.unknown", lang, selector=s)
                         + (t("selector.did-you-mean", lang, names=t("list.or", lang).join(hint)) if hint else ""))
        messages[lang] = t("selector.error", lang, where=where[lang], problems=t("list.sep", lang).join(items))
    raise SelectorError(messages)
