"""Start-up guard: a Markdown run must not import the heavy readers or (on a cache hit)
jsonschema and PyYAML, and `xxgk check FILE…` must not import typer (cli.py's fast path).
The fast path must behave exactly like the typer app. Measured speed lives in bench/, not here."""
import ast
import json
import os
import subprocess
import sys

import pytest

from tests.conftest import EXAMPLE_2023, EXAMPLES, ROOT

HEAVY = ["docx", "lxml", "pdfplumber", "pypdfium2", "pydantic", "jinja2", "opencc"]
# not needed to check a .md when the validated rules are cached
CHECK_HEAVY = HEAVY + ["jsonschema", "yaml", "typer", "rich", "platformdirs", "markdown_it", "charset_normalizer"]
# standard-library modules a plain check does without: each costs 1-10 ms of start-up (BENCHMARKS.md)
CHECK_STDLIB_AVOIDED = ["dataclasses", "inspect", "typing", "pathlib", "urllib", "pickle", "hashlib", "_hashlib",
                        "tomllib", "traceback", "json", "decimal", "string", "signal", "difflib"]


def _modules_after(args, tmp_path, cache, expect_rc=(0,)):
    # the modules xxgk imports: what the interpreter (and an editable install's finder) had
    # loaded before does not count, and the harness itself imports nothing
    code = (
        "import sys\n"
        "before = set(sys.modules)\n"
        "from validator.cli import main\n"
        f"rc = main({args!r})\n"
        "print('\\n@@' + repr([rc, sorted(set(sys.modules) - before)]))\n"
    )
    env = {**os.environ, "XXGK_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    rc, modules = ast.literal_eval(out.stdout.rsplit("@@", 1)[1])
    assert rc in expect_rc, out.stdout + out.stderr
    return set(modules)


def _heavy(mods, names):
    return sorted(m for m in mods if m.split(".")[0] in names)


def test_extract_on_markdown_imports_nothing_heavy(tmp_path):
    report = tmp_path / "small.md"
    report.write_text("# 某局2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n正文。\n", encoding="utf-8")
    cache = tmp_path / "cache"
    _modules_after(["extract", str(report)], tmp_path, cache)  # warms the cache
    mods = _modules_after(["extract", str(report)], tmp_path, cache)
    assert not _heavy(mods, HEAVY + ["jsonschema"])


@pytest.mark.parametrize("name", ["clean", "with-findings"])
def test_check_on_markdown_imports_nothing_heavy(tmp_path, name):
    report = tmp_path / "small.md"
    if name == "clean":
        report.write_bytes(EXAMPLE_2023.read_bytes())
        rc = (0,)
    else:
        report.write_text("# 某局2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n(一)正文。\n", encoding="utf-8")
        rc = (1,)
    cache = tmp_path / "cache"
    first = _modules_after(["check", str(report)], tmp_path, cache, rc)  # cache miss: validates the rules
    assert "jsonschema" in first  # (the rules really are validated on a miss)
    mods = _modules_after(["check", str(report)], tmp_path, cache, rc)
    assert not _heavy(mods, CHECK_HEAVY)
    assert not _heavy(mods, CHECK_STDLIB_AVOIDED)
    # a [tool.xxgk] table in pyproject.toml is found without a TOML parser once it is cached
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "drafts"\n\n[tool.xxgk]\nignore = ["SEC006"]\n',
                                             encoding="utf-8")
    _modules_after(["check", str(report)], tmp_path, cache, rc)
    mods = _modules_after(["check", str(report)], tmp_path, cache, rc)
    assert not _heavy(mods, CHECK_HEAVY + CHECK_STDLIB_AVOIDED)
    # nor is one that only names xxgk (a dependency): the parser's answer is cached by the file's content
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "drafts"\ndependencies = ["xxgk"]\n', encoding="utf-8")
    assert "tomllib" in _modules_after(["check", str(report)], tmp_path, cache, rc)
    mods = _modules_after(["check", str(report)], tmp_path, cache, rc)
    assert not _heavy(mods, CHECK_HEAVY + CHECK_STDLIB_AVOIDED)
    # the common options stay on the fast path too
    mods = _modules_after(["check", "--fail-on", "warning", "-f", "json", "--lang=en", "--select", "SEC,TAB",
                           "--no-progress", str(report)], tmp_path, cache, (0, 1))
    assert not _heavy(mods, CHECK_HEAVY)


# ------------------------------------------------------------------ the fast path = the typer app
def _one_way(argv, fast, capsys, monkeypatch, out_file):
    """(exit code, stdout, stderr, output file) by the fast path or by typer."""
    import validator.cli as cli

    if out_file.exists():
        out_file.unlink()
    with monkeypatch.context() as m:
        if fast:
            assert cli.parse_fast_check(list(argv)) is not None, argv
        else:
            m.setattr(cli, "parse_fast_check", lambda args: None)
        code = cli.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err, out_file.read_text(encoding="utf-8") if out_file.exists() else None


def _both_ways(argv, capsys, monkeypatch, tmp_path):
    return [_one_way(argv, fast, capsys, monkeypatch, tmp_path / "out.txt") for fast in (True, False)]


@pytest.mark.parametrize("options", [
    [],
    ["-f", "json"],
    ["--format=json", "--lang", "en"],
    ["--select", "SEC", "--select=TAB,FMT", "--ignore", "SEC006"],
    ["--fail-on", "info", "--statistics"],
    ["--fail-on=warning", "--show-suppressed", "-j", "1", "--no-progress"],
    ["--diff"],
    ["--output-format", "full", "--lang", "en"],
    ["--output-format=concise", "--strict-inputs"],
    ["-f", "sarif", "-o", "{out}"],
    ["--format", "text", "--format", "json"],  # the last one wins, as in click
    ["--config", "{config}"],
    ["--rules", "{rules}"],  # an empty rule pack: the same error either way
    ["--published", "2024-01-20", "--previous", "{previous}"],
])
def test_fast_path_and_typer_give_the_same_result(options, capsys, monkeypatch, tmp_path):
    defects = tmp_path / "d.md"
    defects.write_bytes((EXAMPLES / "report-2023-with-defects.md").read_bytes())
    (tmp_path / "pack").mkdir()
    (tmp_path / "cfg.toml").write_text('ignore = ["TXT005"]\n', encoding="utf-8")
    subst = {"{out}": str(tmp_path / "out.txt"), "{rules}": str(tmp_path / "pack"), "{config}": str(tmp_path / "cfg.toml"),
             "{previous}": str(EXAMPLES / "report-2020-gov2019.md")}
    argv = ["check", str(defects), *[subst.get(o, o) for o in options], str(EXAMPLE_2023)]
    fast, slow = _both_ways(argv, capsys, monkeypatch, tmp_path)
    assert fast == slow
    assert fast[0] == 2 if "--rules" in options else fast[0] in (0, 1)
    assert fast[1] or fast[2] or fast[3]  # something was reported


def test_fast_path_and_typer_agree_on_baselines_and_fixes(capsys, monkeypatch, tmp_path):
    from validator.cli import main

    report = tmp_path / "r.md"
    text = EXAMPLE_2023.read_text(encoding="utf-8").replace("### （五）监督保障", "### (五)监督保障")
    assert main(["baseline", "create", str(EXAMPLES / "report-2023-with-defects.md"), "-o", str(tmp_path / "b.json")]) == 0
    capsys.readouterr()
    argv = ["check", "--fix", "--no-backup", "--baseline", str(tmp_path / "b.json"), "--fail-on", "info",
            str(report), str(EXAMPLES / "report-2023-with-defects.md")]
    results = []
    for fast in (True, False):
        report.write_text(text, encoding="utf-8")
        results.append(_one_way(argv, fast, capsys, monkeypatch, tmp_path / "out.txt") + (report.read_bytes(),))
    assert results[0] == results[1]
    assert results[0][0] == 0 and "已修正" in results[0][2] and "中的 1 个问题" in results[0][2]
    assert "（五）监督保障".encode() in results[0][4]


@pytest.mark.parametrize("argv", [
    ["check"],  # missing paths: typer's usage error
    ["check", "--help"], ["check", "-h"],
    ["check", "-fjson", "a.md"], ["check", "-f=json", "a.md"],
    ["check", "--format", "yaml", "a.md"], ["check", "--fail-on", "fatal", "a.md"],
    ["check", "--jobs", "many", "a.md"], ["check", "--fix=yes", "a.md"],
    ["check", "--unknown", "a.md"], ["check", "--", "a.md"], ["check", "a.md", "-o"],
    ["extract", "a.md"], ["rules"], ["--help"], [],
])
def test_anything_else_goes_to_typer(argv):
    from validator.cli import parse_fast_check

    assert parse_fast_check(argv) is None


@pytest.mark.parametrize("argv", [["check", "--format", "yaml", "x.md"], ["check"], ["check", "--jobs", "x", "x.md"]])
def test_usage_errors_still_come_from_typer(argv, capsys):
    from validator.cli import main

    assert main(argv) == 2
    assert "用法：xxgk check" in capsys.readouterr().err


def test_fast_path_options_match_the_typer_command():
    """Every option the fast path knows exists in typer's `check` with the same kind, and every
    typer option of `check` is either on the fast path or left to typer by design."""
    import typer.main

    from validator.cli import FAST_FLAGS, FAST_VALUE_OPTIONS
    from validator.typer_app import app

    command = typer.main.get_command(app).commands["check"]
    by_name = {}
    for p in command.params:
        for opt in [*getattr(p, "opts", []), *getattr(p, "secondary_opts", [])]:
            by_name[opt] = p
    for opt, (key, kind) in FAST_VALUE_OPTIONS.items():
        p = by_name[opt]
        assert not p.is_flag and p.name == key, opt
        if isinstance(kind, tuple):
            assert tuple(p.type.choices) == kind, opt
        elif kind == "list":
            assert p.multiple, opt
        elif kind == "int":
            assert p.type.name in ("integer", "int"), opt
        elif kind == "seconds":
            assert p.type.name in ("float", "float range"), opt
        else:
            assert not p.multiple and p.type.name in ("text", "str"), opt
    for opt, (key, value) in FAST_FLAGS.items():
        p = by_name[opt]
        assert p.is_flag and p.name == key, opt
    typer_options = {o for o in by_name if o.startswith("-")} - {"-h", "--help"}
    assert typer_options == set(FAST_VALUE_OPTIONS) | set(FAST_FLAGS), "add new check options to cli.py's fast path"


# ------------------------------------------------------------------ the console entry's quick exit
def _entry(args, tmp_path, **kw):
    env = {**os.environ, "XXGK_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "validator", *args], capture_output=True, env=env, cwd=tmp_path, **kw)


@pytest.mark.slow
def test_console_entry_flushes_everything_before_its_quick_exit(tmp_path, capsys):
    from validator.cli import main

    reports = [str(p) for p in sorted(EXAMPLES.glob("*.md"))] * 4  # output well past a pipe buffer
    out = _entry(["check", "-f", "json", *reports], tmp_path)
    assert out.returncode == 1, out.stderr
    assert main(["check", "-f", "json", *reports]) == 1
    assert json.loads(out.stdout) == json.loads(capsys.readouterr().out)
    # a report written to a file is complete, with worker processes too
    html = tmp_path / "audit.html"
    out = _entry(["check", "-f", "html", "-o", str(html), "--jobs", "2", *reports], tmp_path)
    assert out.returncode == 1, out.stderr
    assert html.read_text(encoding="utf-8").rstrip().endswith("</html>")
    # usage errors go through typer and keep their exit code
    out = _entry(["check", "--format", "nope", reports[0]], tmp_path)
    assert out.returncode == 2 and b"nope" in out.stderr


@pytest.mark.slow
def test_console_entry_survives_a_closed_pipe(tmp_path):
    reports = [str(p) for p in sorted(EXAMPLES.glob("*.md"))] * 20
    env = {**os.environ, "XXGK_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "validator", "check", *reports], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, cwd=tmp_path)
    proc.stdout.readline()
    proc.stdout.close()  # like `xxgk check … | head -1`
    err = proc.stderr.read()
    proc.wait(timeout=60)
    assert b"Traceback" not in err, err
    assert proc.returncode in (0, 1), err


# ------------------------------------------------------------------ the validated-data cache
def test_cache_hit_miss_damage_and_pruning(tmp_path, monkeypatch):
    from validator import validation

    monkeypatch.setenv("XXGK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(validation, "KEEP_PER_KIND", 3)
    source = tmp_path / "rules.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    built = []

    def build():
        built.append(1)
        return {"a": [1, "二", None, 2.5, True]}

    assert validation.cached("demo", [str(source)], build) == {"a": [1, "二", None, 2.5, True]}
    assert validation.cached("demo", [str(source)], build) == {"a": [1, "二", None, 2.5, True]}
    assert len(built) == 1  # the second call was a hit
    entry = next((tmp_path / "cache").glob("demo-*.marshal"))
    entry.write_bytes(b"\x00damaged")
    assert validation.cached("demo", [str(source)], build)["a"][1] == "二" and len(built) == 2  # rebuilt
    # other content: another entry; the oldest beyond KEEP_PER_KIND go, and so do old-format files
    (tmp_path / "cache" / "rules-old.pickle").write_bytes(b"x")
    for i in range(5):
        source.write_text(f"a: {i + 2}\n", encoding="utf-8")
        validation.cached("demo", [str(source)], build)
    names = sorted(p.name for p in (tmp_path / "cache").iterdir())
    assert len([n for n in names if n.startswith("demo-")]) == 3 and not any(n.endswith(".pickle") for n in names)
    # a value marshal cannot store is returned, just not cached
    assert validation.cached("odd", [str(source)], lambda: {1, 2}.__class__) is set
    assert not list((tmp_path / "cache").glob("odd-*"))
