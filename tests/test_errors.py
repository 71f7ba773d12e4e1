"""One error base: expected failures exit 2 in one line; a bug exits 3 and leaves its traceback in a log."""
import pytest

from tests.conftest import EXAMPLE_2023, cli_run
from validator.config import ConfigError
from validator.document import InputError
from validator.engine.cases import CaseError
from validator.engine.rules import RuleError
from validator.engine.selectors import SelectorError
from validator.errors import XxgkError
from validator.fix import FixError
from validator.i18n import LocalizedError
from validator.validation import SchemaError
from validator.yamlio import YamlError


@pytest.mark.parametrize("cls", [ConfigError, InputError, CaseError, RuleError, SelectorError, FixError,
                                 LocalizedError, SchemaError, YamlError])
def test_every_expected_failure_has_the_one_base(cls):
    assert issubclass(cls, XxgkError)


def test_a_bug_exits_3_with_one_line_and_a_log(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("XXGK_DEBUG", raising=False)
    from validator.commands import check

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(check, "run", broken)
    code, out, err = cli_run(["check", EXAMPLE_2023], capsys)
    assert code == 3
    line, = err.strip().splitlines()
    assert line.startswith("xxgk: internal error: ZeroDivisionError: a bug (traceback in ")
    log = line.split("traceback in ", 1)[1].split(";", 1)[0]
    text = open(log, encoding="utf-8").read()
    assert "Traceback" in text and "ZeroDivisionError: a bug" in text and "def broken" not in err


def test_a_rule_error_is_exit_2_in_one_line(capsys, tmp_path):
    code, _, err = cli_run(["check", "--rules", tmp_path / "absent", EXAMPLE_2023], capsys)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "rule pack folder not found" in err


def test_the_validated_rules_cache_key_includes_the_validating_code(tmp_path, monkeypatch):
    """Renaming a named check with a warm cache must give the rule error, not a run-time ENG001."""
    import os

    from validator.engine import rules
    from validator.validation import content_key

    before = rules.validator_stamp()
    path = os.path.join(os.path.dirname(rules.__file__), "checks", "tab.py")
    st = os.stat(path)
    try:
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
        after = rules.validator_stamp()
    finally:
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert before != after and rules.validator_stamp() == before
    files = rules.rule_files(rules.rules_dir())[:2]
    assert content_key(files, "builtin\0" + before) != content_key(files, "builtin\0" + after)
