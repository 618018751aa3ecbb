"""When the runtime breaks, the page stays readable and honest.

In each case the worked example (or the visitor's last result) and the
formula stay on screen, the form states in plain words what happened, and
nothing is left half-computed.
"""

import gzip
import time
from pathlib import Path

import pytest

from tests.browser.test_calculators import (
    PREFILLED_CHURN,
    assert_prefilled_churn_computed,
    form_of,
    type_inputs,
    wait_until_computed,
    wait_until_ready,
)

pytestmark = pytest.mark.browser

WORKER_SOURCE = (
    Path(__file__).resolve().parents[2] / "docs" / "assets" / "javascripts" / "calculator-worker.js"
).read_text(encoding="utf-8")

# Runs before the real worker code, so its listener sees each message
# first: a churn calculation with 13 customers lost throws inside the
# worker, as an unexpected bug in the runtime would.
CRASHING_PRELUDE = """
self.addEventListener("message", (event) => {
  if (event.data?.inputs?.customers_lost === "13") {
    event.stopImmediatePropagation();
    throw new Error("simulated crash in the calculator worker");
  }
});
"""


def assert_worked_example_shown(page):
    form = form_of(page, "churn_rate")
    assert page.locator("h1").is_visible()
    assert form.locator('output[name="churn_rate"]').text_content() == "5%"
    assert form.locator("[data-calc-formula]").inner_text() == "50 ÷ 1,000 × 100 = 5%"
    assert form.locator("[data-calc-sentence]").is_visible()


def wait_for_state(page, state):
    form_of(page, "churn_rate").and_(page.locator(f'[data-state="{state}"]')).wait_for()


def test_truncated_wasm(browser, site_url):
    """A wasm file cut short fails to compile: the example stays, with a message."""
    context = browser.new_context()

    def truncate(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.body()[:4096])

    context.route("**/pyodide.asm.wasm", truncate)
    page = context.new_page()
    page.goto(site_url + "metrics/churn-rate/")

    wait_for_state(page, "failed")
    assert "could not be loaded" in form_of(page, "churn_rate").locator("[data-calc-status]").text_content()
    assert_worked_example_shown(page)
    context.close()


def test_missing_wasm_only(browser, site_url):
    context = browser.new_context()
    context.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404, body="not found"))
    page = context.new_page()
    page.goto(site_url + "metrics/churn-rate/?customers_at_start=2000&customers_lost=50")

    wait_for_state(page, "failed")
    assert_worked_example_shown(page)
    assert form_of(page, "churn_rate").locator('input[name="customers_at_start"]').input_value() == "1,000"
    context.close()


def test_missing_worker_script(browser, site_url):
    context = browser.new_context()
    context.route("**/calculator-worker.js", lambda route: route.fulfill(status=404, body="not found"))
    page = context.new_page()
    page.goto(site_url + "metrics/churn-rate/")

    wait_for_state(page, "failed")
    assert_worked_example_shown(page)
    context.close()


def test_worker_crash_then_next_input_works(browser, site_url):
    """A calculation that crashes the worker is reported, and the next input computes."""
    context = browser.new_context()
    context.route(
        "**/calculator-worker.js",
        lambda route: route.fulfill(
            status=200, content_type="text/javascript", body=CRASHING_PRELUDE + WORKER_SOURCE
        ),
    )
    page = context.new_page()
    page.goto(site_url + "metrics/churn-rate/")
    wait_until_ready(page, "churn_rate")
    type_inputs(page, "churn_rate", {"customers_lost": "20"})
    wait_until_computed(page, "churn_rate")
    assert form_of(page, "churn_rate").locator('output[name="churn_rate"]').text_content() == "2%"

    form_of(page, "churn_rate").locator('input[name="customers_lost"]').fill("13")
    status = form_of(page, "churn_rate").locator("[data-calc-status]")
    page.wait_for_function(
        "() => document.querySelector('[data-calc-status]').textContent.includes('stopped during that calculation')"
    )
    assert "has restarted" in status.text_content()
    assert page.locator("h1").is_visible()
    assert form_of(page, "churn_rate").locator("[data-calc-formula]").inner_text() == "20 ÷ 1,000 × 100 = 2%"

    wait_until_ready(page, "churn_rate")
    type_inputs(page, "churn_rate", {"customers_lost": "50"})
    wait_until_computed(page, "churn_rate")
    assert form_of(page, "churn_rate").locator('output[name="churn_rate"]').text_content() == "5%"
    assert status.text_content() == "Results update as you type."
    context.close()


def test_slow_network(browser, site_url):
    """On a slow link the page is readable at once and the linked numbers'
    result arrives later, with no other result shown meanwhile."""
    context = browser.new_context()
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 400, "downloadThroughput": 2_500_000, "uploadThroughput": 250_000},
    )

    started = time.monotonic()
    page.goto(site_url + "metrics/churn-rate/?customers_at_start=4000&customers_lost=100")
    form = form_of(page, "churn_rate")
    assert page.locator("h1").is_visible()
    assert form.get_attribute("data-state") == "loading"
    assert form.locator('input[name="customers_at_start"]').input_value() == "4000"
    assert form.locator("[data-calc-status]").text_content() == (
        "Loading the live calculator to work out the numbers from your link."
    )
    # Not the worked example's 5%, which would read as the answer for 4000 and 100.
    assert form.locator('output[name="churn_rate"]').text_content() == "…"
    assert form.locator("[data-calc-formula]").inner_text() == ""

    wait_until_computed(page, "churn_rate")
    assert form.locator('output[name="churn_rate"]').text_content() == "2.5%"
    print(f"slow network: first result after {time.monotonic() - started:.1f} s")
    context.close()


def test_link_form_hidden_until_mounted(browser, site_url):
    """A link's form stays hidden until calculators.js mounts it, rather than
    show the worked example's result beside the link's numbers. Without the
    script, the worked example appears after 5 seconds."""
    context = browser.new_context()
    page = context.new_page()
    page.route("**/assets/javascripts/calculators.js", lambda route: route.abort())
    page.goto(site_url + PREFILLED_CHURN)
    form = form_of(page, "churn_rate")
    assert page.locator("h1").is_visible()
    assert form.is_hidden()

    form.wait_for(state="visible", timeout=10_000)
    assert form.locator('output[name="churn_rate"]').text_content() == "5%"
    context.close()


def test_snapshot_start_uses_its_stdlib(browser, site_url, runtime_manifest):
    """A start from the snapshot downloads the smaller standard library zip
    the snapshot was made with, not Pyodide's whole one."""
    context = browser.new_context(service_workers="block")
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.goto(site_url + PREFILLED_CHURN)

    assert_prefilled_churn_computed(page)
    runtime_url = f"{site_url}assets/runtime/"
    assert runtime_url + runtime_manifest["snapshotStdlib"] in requested
    assert not [url for url in requested if url.endswith("python_stdlib.zip") and "/snapshot-" not in url]
    context.close()


@pytest.mark.parametrize(
    "snapshot_response",
    [
        {"status": 404, "body": "not found"},
        {"status": 200, "body": b"this is not gzip"},
        {"status": 200, "body": gzip.compress(b"gzip, but not a Pyodide snapshot" * 100)},
    ],
    ids=["missing", "not-gzip", "corrupt"],
)
def test_snapshot_failure_falls_back(browser, site_url, runtime_manifest, snapshot_response):
    """Without a usable snapshot the worker starts Pyodide normally and computes.
    It uses the standard library whose start-up modules are precompiled."""
    context = browser.new_context()
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    context.route("**/calc.snapshot.gz", lambda route: route.fulfill(**snapshot_response))
    page = context.new_page()
    page.goto(site_url + PREFILLED_CHURN)

    assert_prefilled_churn_computed(page)
    assert f"{site_url}assets/runtime/{runtime_manifest['stdlibBytecode']}" in requested
    context.close()


def test_snapshot_cut_short_falls_back(browser, site_url, built_site, runtime_manifest):
    """A real snapshot that stops halfway, as an interrupted download would."""
    packed = gzip.decompress((built_site / "assets" / "runtime" / runtime_manifest["snapshot"]).read_bytes())
    half = gzip.compress(packed[: len(packed) // 2], compresslevel=1)

    context = browser.new_context(service_workers="block")
    context.route("**/calc.snapshot.gz", lambda route: route.fulfill(status=200, body=half))
    page = context.new_page()
    page.goto(site_url + PREFILLED_CHURN)

    assert_prefilled_churn_computed(page)
    context.close()


def test_snapshot_base_mismatch_falls_back(browser, site_url, built_site, runtime_manifest):
    """A snapshot whose base checksum does not match Pyodide's fresh memory is
    not restored, as with a snapshot built against another Pyodide's
    static data: the worker logs why and starts Pyodide normally."""
    packed = bytearray(gzip.decompress((built_site / "assets" / "runtime" / runtime_manifest["snapshot"]).read_bytes()))
    # Bytes 20 to 23 of the header hold the base's checksum.
    packed[20] ^= 0xFF
    changed = gzip.compress(bytes(packed), compresslevel=1)

    context = browser.new_context(service_workers="block")
    context.route("**/calc.snapshot.gz", lambda route: route.fulfill(status=200, body=changed))
    warnings = []
    page = context.new_page()
    page.on("console", lambda message: warnings.append(message.text) if message.type == "warning" else None)
    page.goto(site_url + PREFILLED_CHURN)

    assert_prefilled_churn_computed(page)
    assert any("packed against other memory" in text for text in warnings), warnings
    context.close()


def test_snapshot_is_used(browser, site_url):
    """With the snapshot available, the wheel is never downloaded."""
    context = browser.new_context()
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.goto(site_url + "metrics/churn-rate/?customers_at_start=4000&customers_lost=100")
    wait_until_computed(page, "churn_rate")
    context.close()

    assert any(url.endswith("calc.snapshot.gz") for url in requested)
    assert not any(url.endswith(".whl") for url in requested)


@pytest.mark.parametrize("snapshot_available", [True, False], ids=["snapshot", "fallback"])
def test_webassembly_downloaded_once(browser, site_url, snapshot_available):
    """The worker requests Pyodide's WebAssembly itself, before Pyodide does,
    and Pyodide's own request reuses that download. A normal start after a
    failed snapshot reuses it too."""
    context = browser.new_context(service_workers="block")
    if not snapshot_available:
        context.route("**/calc.snapshot.gz", lambda route: route.fulfill(status=404, body="not found"))
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.goto(site_url + PREFILLED_CHURN)

    assert_prefilled_churn_computed(page)
    assert len([url for url in requested if url.endswith("/pyodide.asm.wasm")]) == 1, requested
    context.close()
