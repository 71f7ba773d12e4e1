"""The README's first lines stay true: two commands, and CI runs the second one."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.*?)\n```", text, flags=re.S)[:2]


def test_readme_opens_with_two_commands_and_ci_runs_the_test_command():
    run_example, run_tests = readme_commands()
    assert "pip install ." in run_example and "xxgk " in run_example and "examples/" in run_example
    assert "pytest" in run_tests
    assert run_tests in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_example_named_in_the_readme_exists():
    run_example, _ = readme_commands()
    example = re.search(r"(examples/\S+)", run_example).group(1)
    assert (ROOT / example).exists()


def test_the_pre_commit_example_selects_a_drafts_folder():
    """The README's `files:`/`exclude:` lines are valid pre-commit config and pick what they say."""
    import yaml

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```yaml\n(.*?)\n```", text, flags=re.S) if "id: xxgk" in b)
    hook = yaml.safe_load(block)["repos"][0]["hooks"][0]
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])

    def picked(path: str) -> bool:
        return bool(files.search(path)) and not exclude.search(path)

    assert picked("年报/2023年报.docx") and picked("年报/2024/初稿.md")
    assert not picked("README.md") and not picked("年报/归档/2019.md") and not picked("年报/模板/格式.docx")


def test_the_output_shown_for_the_first_command_is_what_it_prints(capsys, monkeypatch):
    """The README's abridged output of its first command: every line shown (other than the "…")
    is a line the command prints at a 100-column terminal, in order, and it exits 1 as it says."""
    from tests.conftest import cli_run

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"```text\n(.*?)\n```", text, flags=re.S).group(1).splitlines()
    run_example, _ = readme_commands()
    args = run_example.split("xxgk ", 1)[1].split()
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _ = cli_run([*args[:1], "--output-format", "full", *args[1:]], capsys)
    assert code == 1 and "退出码为 1" in text
    printed = out.splitlines()
    at = 0
    for line in shown:
        if line == "…":
            continue
        assert line in printed[at:], line
        at = printed.index(line, at) + 1


def test_the_windows_line_runs_the_same_example():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    windows = re.search(r"```bat\n(.*?)\n```", text, flags=re.S).group(1)
    run_example, _ = readme_commands()
    assert windows.split("xxgk ", 1)[1].replace("\\", "/") == run_example.split("xxgk ", 1)[1]
