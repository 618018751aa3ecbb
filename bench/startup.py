"""Benchmark how fast a prefilled calculator link shows its first result.

Builds the site, serves it on loopback from a process of its own and drives
Debian's Chromium. Each figure is the median of several runs within this
one process, so the ratios compare like with like on a shared, noisy
machine:

* bare: a blank page that imports the site's own Pyodide, calls
  ``loadPyodide()`` and runs one line of Python (``bench/bare/``);
* bare with bytecode: the same, with the standard library whose start-up
  modules are precompiled, as the worker's normal start uses it;
* ours: a prefilled churn-rate link, from navigation start to the result
  shown on the page (the page's own "calculator-first-result" mark);
* each cold (a fresh browser profile, empty caches, loaded once the newly
  launched browser has settled) and warm (the same profile, a second visit
  a little after the first);
* bare and ours cold once more, loaded as soon as the browser is launched;
* the median time to recompute after an input change;
* the bytes transferred for an FAQ page and for a calculator page.

Usage: ``.venv/bin/python bench/startup.py [--runs 5]`` (``make bench``).
"""

import argparse
import contextlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from sitebuild.build import build_site  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

PREFILLED = "metrics/churn-rate/?customers_at_start=4000&customers_lost=100"
EXPECTED = "2.5%"
FAQ_PAGE = "concepts/customer-churn/"
RECOMPUTE_SAMPLES = 25

# The page marks the moment it shows its first live result. Both pages
# record their own time, so polling only decides when to read it. Polling
# every animation frame instead would add work to the page being measured.
FIRST_RESULT = """() => {
    const mark = performance.getEntriesByName("calculator-first-result", "mark")[0];
    return mark !== undefined && mark.startTime;
}"""
POLL_MS = 50

# The first visit stays open for a while after its result, as a visitor
# reading it would, and the browser is then left alone for a moment before
# the repeat visit. In that time the page keeps the runtime for later
# visits (3 s after its first result) and Chromium keeps the compiled
# WebAssembly, which it does only once a page has used it for a while.
READING_TIME_S = 5
PAUSE_BETWEEN_VISITS_S = 2

# Chromium goes on starting up for about a second after it is launched,
# and that work competes with a page loaded at once. A visitor's browser is
# usually running already when a link is opened, so the first visit waits
# this long after launch. The benchmark also reports a first visit made at
# once, for comparison.
BROWSER_SETTLE_S = 2

# Changes one field and resolves with the milliseconds until the result updates.
RECOMPUTE = """value => new Promise(resolve => {
    const form = document.querySelector('form[data-calculator="churn_rate"]');
    const field = form.querySelector('input[name="customers_lost"]');
    const observer = new MutationObserver(() => {
        if (form.dataset.shownRequest === form.dataset.latestRequest) {
            observer.disconnect();
            resolve(performance.now() - started);
        }
    });
    observer.observe(form, { attributes: true, attributeFilter: ["data-shown-request"] });
    const started = performance.now();
    field.value = value;
    field.dispatchEvent(new Event("input", { bubbles: true }));
})"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def site_server(site_dir: Path, port: int):
    """Serve the built site_dir on port from a Python process of its own.

    A real host is another machine. A server thread in this process would
    share the interpreter lock with Playwright's driver, which is busy while
    a page loads, and each download would wait for it.
    """
    server = subprocess.Popen(
        [sys.executable, "-m", "sitebuild.server", "--root", str(site_dir), "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # The server writes its first line once it is listening.
        first_line = server.stderr.readline()
        if not first_line.startswith("Serving "):
            raise RuntimeError(f"site server failed to start; its output:\n{first_line}{server.stderr.read()}")
        # Drain the request log it writes from then on: a full pipe would stop it.
        threading.Thread(target=server.stderr.read, daemon=True).start()
        yield
    finally:
        server.terminate()
        server.wait()


def bare_start(page, url: str, query: str = "") -> float:
    page.goto(url + "__bench/bare/" + query)
    page.wait_for_function("() => window.bareResult !== undefined", timeout=120_000, polling=POLL_MS)
    result = page.evaluate("window.bareResult")
    assert result["answer"] == 2, result
    return result["milliseconds"]


def bare_start_with_bytecode(page, url: str) -> float:
    return bare_start(page, url, "?stdlib=bytecode")


def prefilled_result(page, url: str) -> float:
    page.goto(url + PREFILLED)
    milliseconds = page.wait_for_function(FIRST_RESULT, timeout=120_000, polling=POLL_MS).json_value()
    result_text = page.locator('form[data-calculator="churn_rate"] output[name="churn_rate"]').text_content()
    assert result_text == EXPECTED, f"the prefilled link showed {result_text!r}, expected {EXPECTED!r}"
    return milliseconds


def cold_and_warm(playwright, measure, url: str) -> tuple[float, float]:
    """Measure once in a fresh on-disk profile, once the browser has settled,
    then again in the same profile after the first visit has been read and
    closed.

    An on-disk profile is needed for "warm": Playwright's default contexts
    are incognito, and their memory cache keeps neither the 9.6 MB wasm nor
    the snapshot between visits.
    """
    with tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        try:
            first = context.new_page()
            time.sleep(BROWSER_SETTLE_S)
            cold = measure(first, url)
            time.sleep(READING_TIME_S)
            first.close()
            time.sleep(PAUSE_BETWEEN_VISITS_S)
            warm = measure(context.new_page(), url)
        finally:
            context.close()
    return cold, warm


def cold_at_launch(playwright, measure, url: str) -> float:
    """Measure once in a fresh profile, loading the page as soon as the
    browser has been launched."""
    with tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        try:
            return measure(context.new_page(), url)
        finally:
            context.close()


def recompute_times(browser, url: str) -> list[float]:
    context = browser.new_context()
    page = context.new_page()
    prefilled_result(page, url)
    times = [page.evaluate(RECOMPUTE, str(10 + sample % 50)) for sample in range(RECOMPUTE_SAMPLES)]
    context.close()
    return times


def bytes_transferred(browser, url: str, path: str, wait_for_calculator: bool) -> tuple[int, int]:
    """Return (all bytes, Pyodide runtime bytes) received for one cold page view.

    The service worker is blocked: after the first result it caches the
    runtime for later visits, from the browser's HTTP cache, and those
    requests are not part of the page view.
    """
    context = browser.new_context(service_workers="block")
    finished = []
    context.on("requestfinished", lambda request: finished.append(request))
    page = context.new_page()
    page.goto(url + path)
    if wait_for_calculator:
        page.wait_for_function(FIRST_RESULT, timeout=120_000, polling=POLL_MS)
    page.wait_for_load_state("networkidle")

    total = runtime = 0
    for request in finished:
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        total += size
        if "/assets/runtime/" in request.url:
            runtime += size
    context.close()
    return total, runtime


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the prefilled calculator start against bare Pyodide.")
    parser.add_argument("--runs", type=int, default=5, help="cold and warm runs of each kind (default: 5)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch, contextlib.ExitStack() as stack:
        site_dir = Path(scratch) / "site"
        site_dir.mkdir()
        port = free_port()
        url = f"http://127.0.0.1:{port}/"
        build_site(site_dir, url)
        shutil.copytree(ROOT / "bench" / "bare", site_dir / "__bench" / "bare")
        stack.enter_context(site_server(site_dir, port))

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            measures = {"bare": bare_start, "bytecode": bare_start_with_bytecode, "ours": prefilled_result}
            # One visit of each, not counted, has the server compress its
            # files once (the 9.6 MB wasm takes it half a second), as a
            # host's cache would have them ready.
            for measure in measures.values():
                context = browser.new_context()
                measure(context.new_page(), url)
                context.close()
            samples = {name: ([], []) for name in measures}
            at_launch = {"bare": [], "ours": []}
            for _ in range(args.runs):
                for name, measure in measures.items():
                    cold, warm = cold_and_warm(playwright, measure, url)
                    samples[name][0].append(cold)
                    samples[name][1].append(warm)
                    if name in at_launch:
                        at_launch[name].append(cold_at_launch(playwright, measure, url))
            recompute = recompute_times(browser, url)
            faq_bytes = bytes_transferred(browser, url, FAQ_PAGE, wait_for_calculator=False)
            calculator_bytes = bytes_transferred(browser, url, PREFILLED, wait_for_calculator=True)
            browser.close()

    print(f"Chromium {CHROMIUM}, {args.runs} runs each, medians in milliseconds")
    for index, label in ((0, "cold"), (1, "warm")):
        bare = statistics.median(samples["bare"][index])
        ours = statistics.median(samples["ours"][index])
        bytecode = statistics.median(samples["bytecode"][index])
        print(f"{label}: bare {bare:.0f}  ours {ours:.0f}  ratio ours/bare {ours / bare:.2f}")
        print(f"  bare with bytecode {bytecode:.0f}  ratio bytecode/bare {bytecode / bare:.2f}")
        for name in measures:
            print(f"  {name} samples {[round(v) for v in samples[name][index]]}")
    bare = statistics.median(at_launch["bare"])
    ours = statistics.median(at_launch["ours"])
    print(f"cold, loaded as the browser starts: bare {bare:.0f}  ours {ours:.0f}  ratio ours/bare {ours / bare:.2f}")
    for name, values in at_launch.items():
        print(f"  {name} samples {[round(v) for v in values]}")
    print(f"recompute after an input change: median {statistics.median(recompute):.1f} ms over {len(recompute)} changes")
    print(f"bytes, FAQ page: {faq_bytes[0]:,} total, {faq_bytes[1]:,} Pyodide runtime")
    print(f"bytes, calculator page: {calculator_bytes[0]:,} total, {calculator_bytes[1]:,} Pyodide runtime")


if __name__ == "__main__":
    main()
