"""The HTML audit report in a real browser: headless Chromium (the system one, never a
downloaded browser) opens a batch report of the examples, the seed and a hostile report, a
filter is used and what is shown is checked — and nothing from the documents runs, and the
page asks the network for nothing.

Skipped when /usr/bin/chromium or playwright is absent; .ci/run installs chromium and sets
XXGK_REQUIRE_BROWSER, so that in CI an absent browser fails instead of skipping."""
import json
import os
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, SEED, need_shared
from tests.test_reporters import HOSTILE_NAME, hostile_report
from validator.cli import main

pytestmark = pytest.mark.slow  # the quick suite (-m 'not slow') leaves it to CI

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

REQUIRED = bool(os.environ.get("XXGK_REQUIRE_BROWSER"))
if not CHROMIUM.exists():
    why = f"{CHROMIUM} not installed (apt-get install chromium fonts-noto-cjk)"
    if REQUIRED:
        pytest.fail(why + " but XXGK_REQUIRE_BROWSER is set", pytrace=False)
    pytest.skip(why, allow_module_level=True)
if REQUIRED:
    from playwright import sync_api  # the ".[test]" extra installs it: an ImportError here is a broken CI
else:
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
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


def open_report(browser, path: Path):
    """(context, page) of an HTML report opened offline until its list is drawn, with what the
    page did on the side: `requests` (URLs), `dialogs` (messages), `errors` (script errors), and
    `opened_in` (seconds from navigation)."""
    import time

    requests, dialogs, errors = [], [], []
    context = browser.new_context(java_script_enabled=True, offline=True)
    pg = context.new_page()
    pg.on("request", lambda r: requests.append(r.url))
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: errors.append(str(e)))
    t0 = time.perf_counter()
    pg.goto(path.as_uri())
    pg.wait_for_selector("html[data-ready]", timeout=120_000)
    pg.opened_in = time.perf_counter() - t0
    pg.requests, pg.dialogs, pg.errors = requests, dialogs, errors
    return context, pg


@pytest.fixture(scope="module")
def page(audit, browser):
    context, pg = open_report(browser, audit[0])
    yield pg
    context.close()


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
    # one script runs (ours, with the nonce); the others are inert JSON data
    assert page.evaluate("document.querySelectorAll('script:not([type=\"application/json\"])').length") == 1
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
    assert int(page.inner_text("#f-shown")) == summary["error"] + summary["warning"] + summary["info"] + summary["doubtful"]


def test_filters_by_severity_and_rule(page, audit):
    _, data = audit
    summary = data["summary"]
    page.uncheck("input.f-sev[value=error]")
    shown = visible_findings(page)
    assert shown and all(sev != "error" for _, sev in shown)
    doubtful_errors = sum(1 for f in data["files"] for d in f["diagnostics"]
                          if d["severity"] == "error" and d["confidence"] == "doubtful" and not d.get("suppressed"))
    assert len(shown) == summary["warning"] + summary["info"] + summary["doubtful"] - doubtful_errors == int(page.inner_text("#f-shown"))
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
    assert int(page.inner_text("#f-shown")) == summary["error"] + summary["warning"] + summary["info"] + summary["doubtful"]


def test_the_report_prints(page, tmp_path):
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.getElementById('filters')).display") == "none"
    page.emulate_media(media="screen")


# ------------------------------------------------------------------ 3,000 reports in one file
# These tests check what the page does with 3,000 reports, not how fast: speed is measured by
# bench/html_report.py (medians in BENCHMARKS.md), never asserted in a test (the brief's rule; a
# loaded CI machine would make a timed assertion flaky).


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from html_report import render, synthetic_results

    tmp = tmp_path_factory.mktemp("big")
    results = synthetic_results(3000, tmp / "reports", distinct=24)
    out = tmp / "audit.html"
    out.write_text(render(results), encoding="utf-8")
    return out, results


@pytest.fixture(scope="module")
def big_page(big, browser):
    context, pg = open_report(browser, big[0])
    yield pg
    context.close()


def listed(pg):
    return pg.eval_on_selector_all("#report-rows tr", "rows => rows.map(r => r.dataset.reportRow)")


def test_3000_reports_open_and_list_one_page(big_page, big):
    _, results = big
    assert big_page.errors == []
    assert len(listed(big_page)) == 50  # one page of the list, not 3,000 rows
    assert "共 3000 份报告" in big_page.inner_text("#page-info")
    assert big_page.evaluate("document.querySelectorAll('section.report').length") == 0  # details on demand
    active = sum(len(r.active) for r in results)
    assert int(big_page.inner_text("#f-shown")) == active


def test_3000_reports_filter(big_page, big):
    from html_report import FILTER_JS, SEARCH_JS

    _, results = big
    with_sum001 = [r for r in results if any(f.rule == "SUM001" for f in r.active)]
    assert 0 < len(with_sum001) < len(results)
    big_page.evaluate(FILTER_JS, "SUM001")
    big_page.check("#f-only")
    assert f"共 {len(with_sum001)} 份报告" in big_page.inner_text("#page-info")
    assert int(big_page.inner_text("#f-shown")) == sum(1 for r in with_sum001 for f in r.active if f.rule == "SUM001")
    big_page.uncheck("#f-only")
    big_page.evaluate(FILTER_JS, "")
    # typing a search narrows the list as you type
    big_page.evaluate(SEARCH_JS, "（124）")
    assert f"共 {sum(1 for r in results if '（124）' in r.facts['meta']['agency'])} 份报告" in big_page.inner_text("#page-info")
    big_page.evaluate(SEARCH_JS, "")


def test_3000_reports_sort(big_page, big):
    from html_report import SORT_JS

    _, results = big
    big_page.evaluate(SORT_JS, "e")  # errors, largest first
    errors = big_page.eval_on_selector_all("#report-rows tr td:nth-child(5)", "cells => cells.map(c => Number(c.textContent))")
    most = max(r.counts()["error"] for r in results)
    assert errors[0] == most and errors == sorted(errors, reverse=True)
    big_page.evaluate(SORT_JS, "e")  # again: smallest first
    errors = big_page.eval_on_selector_all("#report-rows tr td:nth-child(5)", "cells => cells.map(c => Number(c.textContent))")
    assert errors == sorted(errors)
    big_page.evaluate(SORT_JS, "y")
    years = big_page.eval_on_selector_all("#report-rows tr td:nth-child(3)", "cells => cells.map(c => Number(c.textContent))")
    assert years == sorted(years)


def test_3000_reports_detail_on_demand_and_print(big_page, big):
    from html_report import OPEN_JS

    big_page.evaluate(OPEN_JS)
    first = listed(big_page)[0]
    section = big_page.locator(f"section.report#{first}")
    assert section.is_visible() and big_page.evaluate("document.querySelectorAll('section.report').length") == 1
    assert section.locator("table.std").count() >= 5 and section.locator("table.req").count() == 3
    # paging
    big_page.click("#next")
    assert listed(big_page)[0] != first and "第 2 /" in big_page.inner_text("#page-info")
    # printing: the filtered list in full (not one page) and the open report, without the controls
    big_page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert len(listed(big_page)) == 3000
    big_page.emulate_media(media="print")
    assert big_page.evaluate("getComputedStyle(document.getElementById('filters')).display") == "none"
    assert big_page.evaluate("getComputedStyle(document.getElementById('pager')).display") == "none"
    big_page.emulate_media(media="screen")
    big_page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert len(listed(big_page)) == 50
