"""The HTML audit report in a real browser: headless Chromium (the system one, never a
downloaded browser) opens a batch report of the examples, the seed and a hostile report, a
filter is used and what is shown is checked — and nothing from the documents runs, and the
page asks the network for nothing.

Skipped when /usr/bin/chromium or playwright is absent; .ci/run installs chromium."""
import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, SEED, need_shared
from tests.test_reporters import HOSTILE_NAME, hostile_report
from validator.cli import main

pytestmark = pytest.mark.slow  # the quick suite (-m 'not slow') leaves it to CI

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium fonts-noto-cjk)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (Python) not installed")


@pytest.fixture(scope="module")
def audit(tmp_path_factory):
    need_shared()
    tmp = tmp_path_factory.mktemp("html")
    hostile = hostile_report(tmp)
    out = tmp / "report.html"
    code = main(["check", str(EXAMPLES), str(SEED), str(hostile), "-f", "html", "-o", str(out), "-j", "2"])
    assert code == 1
    main(["check", str(EXAMPLES), str(SEED), str(hostile), "-f", "json", "-o", str(tmp / "report.json"), "-j", "2"])
    data = json.loads((tmp / "report.json").read_text(encoding="utf-8"))
    return out, data


@pytest.fixture(scope="module")
def page(audit):
    out, _ = audit
    requests, dialogs, errors = [], [], []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        context = browser.new_context(java_script_enabled=True, offline=True)
        pg = context.new_page()
        pg.on("request", lambda r: requests.append(r.url))
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.goto(out.as_uri())
        pg.wait_for_load_state("load")
        pg.requests, pg.dialogs, pg.errors = requests, dialogs, errors
        yield pg
        browser.close()


def visible_findings(pg):
    return pg.eval_on_selector_all("tr.finding", "rows => rows.filter(r => !r.hidden).map(r => [r.dataset.rule, r.dataset.sev])")


def test_nothing_from_the_documents_runs(page, audit):
    out, _ = audit
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.dialogs == [] and page.errors == []
    assert page.requests == [out.as_uri()]  # no network, no external assets
    text = page.inner_text("body")
    assert "<script>window.__xss=1</script>" in text  # shown as text
    assert "onerror=window.__xss=3" in text
    assert HOSTILE_NAME in text
    assert page.evaluate("document.querySelectorAll('script').length") == 1
    assert page.evaluate("document.querySelectorAll('img, svg, iframe, object, embed').length") == 0


def test_the_summary_counts_what_was_checked(page, audit):
    _, data = audit
    summary = data["summary"]
    for sev in ("error", "warning", "info"):
        assert page.inner_text(f"#total-{sev}") == str(summary[sev])
    clean = [f["path"] for f in data["files"] if not f["error"] and not any(not d.get("suppressed") for d in f["diagnostics"])]
    assert page.inner_text("#total-clean") == str(len(clean))
    listed = page.inner_text("#clean-reports")
    assert all(p in listed for p in clean)
    assert int(page.inner_text("#f-shown")) == summary["error"] + summary["warning"] + summary["info"]


def test_filters_by_severity_and_rule(page, audit):
    _, data = audit
    summary = data["summary"]
    page.uncheck("input.f-sev[value=error]")
    shown = visible_findings(page)
    assert shown and all(sev != "error" for _, sev in shown)
    assert len(shown) == summary["warning"] + summary["info"] == int(page.inner_text("#f-shown"))
    page.check("input.f-sev[value=error]")
    page.select_option("#f-rule", "SUM001")
    shown = visible_findings(page)
    assert {rule for rule, _ in shown} == {"SUM001"} and len(shown) == summary["by_rule"]["SUM001"]
    # the failing cell of the hostile report is highlighted with what was expected…
    hostile = page.locator("section.report").last
    assert HOSTILE_NAME in hostile.locator("dd.path").inner_text()
    cell = hostile.locator("td.cell-fail[data-rules~=SUM001]").first
    assert cell.is_visible() and "应为 20" in cell.inner_text()
    assert "off" not in (cell.get_attribute("class") or "")
    # …and loses its highlight when its rule is filtered out
    page.select_option("#f-rule", "TAB004")
    assert "off" in (cell.get_attribute("class") or "")
    page.check("#f-only")
    visible_reports = page.eval_on_selector_all("section.report", "s => s.filter(x => !x.hidden).length")
    files_with_tab004 = sum(1 for f in data["files"] if any(d["rule"] == "TAB004" for d in f["diagnostics"]))
    assert visible_reports == files_with_tab004
    page.uncheck("#f-only")
    page.select_option("#f-rule", "")
    assert int(page.inner_text("#f-shown")) == summary["error"] + summary["warning"] + summary["info"]


def test_the_report_prints(page, tmp_path):
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.getElementById('filters')).display") == "none"
    page.emulate_media(media="screen")
