"""The decompressed snapshot kept in Cache Storage for repeat visits.

After a first visit restores Pyodide from the gzipped snapshot, the worker
keeps the decompressed copy, so a repeat visit skips the download and the
decompression. These contexts block the service worker, so every file the
worker requests reaches the test's routes.
"""

import pytest

from tests.browser.polling import wait_for_value
from tests.browser.test_calculators import PREFILLED_CHURN, assert_prefilled_churn_computed

pytestmark = pytest.mark.browser

SNAPSHOT_CACHE = "calculator-snapshot-v1"

CACHED_URLS = """name => caches.open(name)
    .then(cache => cache.keys())
    .then(keys => keys.map(request => request.url))"""


@pytest.fixture
def snapshot_url(site_url, runtime_manifest) -> str:
    return f"{site_url}assets/runtime/{runtime_manifest['snapshot']}"


def wait_until_cache_holds(page, urls):
    wait_for_value(page, CACHED_URLS, SNAPSHOT_CACHE, urls)


def put_in_cache(page, url, body):
    page.evaluate(
        "([name, url, body]) => caches.open(name).then(cache => cache.put(url, new Response(body)))",
        [SNAPSHOT_CACHE, url, body],
    )


def test_repeat_visit_uses_cached_snapshot(browser, site_url, snapshot_url):
    context = browser.new_context(service_workers="block")
    first = context.new_page()
    first.goto(site_url + PREFILLED_CHURN)
    assert_prefilled_churn_computed(first)
    wait_until_cache_holds(first, [snapshot_url])
    first.close()

    requested = []
    context.on("request", lambda request: requested.append(request.url))
    context.route("**/calc.snapshot.gz", lambda route: route.fulfill(status=404, body="not found"))
    context.route("**/*.whl", lambda route: route.fulfill(status=404, body="not found"))
    second = context.new_page()
    second.goto(site_url + PREFILLED_CHURN)
    assert_prefilled_churn_computed(second)

    assert not any(url.endswith(("calc.snapshot.gz", ".whl")) for url in requested)
    marks = second.evaluate("() => performance.getEntriesByName('calculator-first-result', 'mark').length")
    assert marks == 1
    context.close()


def test_damaged_cached_snapshot_is_dropped(browser, site_url, snapshot_url):
    """A damaged copy falls back to a normal start, and the copy is deleted."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.goto(site_url)
    put_in_cache(page, snapshot_url, "not a packed snapshot")

    page.goto(site_url + PREFILLED_CHURN)
    assert_prefilled_churn_computed(page)
    wait_until_cache_holds(page, [])
    context.close()


def test_earlier_deploy_snapshot_replaced(browser, site_url, snapshot_url):
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.goto(site_url)
    earlier = f"{site_url}assets/runtime/snapshot-000000000000/calc.snapshot.gz"
    put_in_cache(page, earlier, "the snapshot of an earlier deploy")

    page.goto(site_url + PREFILLED_CHURN)
    assert_prefilled_churn_computed(page)
    wait_until_cache_holds(page, [snapshot_url])
    context.close()
