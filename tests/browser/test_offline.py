"""The service worker: repeat visits and offline reading, and site updates.

Each test serves its own copy of the built site on a new port, because a
service worker belongs to one origin and would otherwise outlive the test.
"""

import json
import shutil

import pytest

from sitebuild.server import serve_in_thread
from tests.browser.polling import wait_for_value
from tests.browser.test_calculators import form_of, wait_until_computed

pytestmark = pytest.mark.browser

PREFILLED = "metrics/churn-rate/?customers_at_start=4000&customers_lost=100"

CACHED_RUNTIME = """async () => {
    const cache = await caches.open("calculator-runtime-v1");
    return (await cache.keys()).map(request => new URL(request.url).pathname);
}"""


@pytest.fixture
def own_site(built_site, tmp_path):
    """A copy of the built site on its own origin; returns (folder, URL)."""
    site_dir = tmp_path / "site"
    shutil.copytree(built_site, site_dir)
    server, url = serve_in_thread(site_dir)
    yield site_dir, url
    server.shutdown()
    server.server_close()


def visit_until_cached(page, url):
    """Open a calculator and wait until the service worker controls the page."""
    page.goto(url + PREFILLED)
    wait_until_computed(page, "churn_rate")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def test_runtime_cached_after_first_visit(browser, own_site):
    site_dir, url = own_site
    manifest = json.loads((site_dir / "assets" / "runtime" / "manifest.json").read_text())
    context = browser.new_context()
    page = context.new_page()
    visit_until_cached(page, url)

    cached = page.evaluate(CACHED_RUNTIME)
    assert sorted(cached) == sorted(f"/assets/runtime/{path}" for path in manifest["files"])
    context.close()


def test_offline_repeat_visit(browser, own_site):
    """Offline, a visited page reads and its calculator computes from the cache."""
    _, url = own_site
    context = browser.new_context()
    page = context.new_page()
    visit_until_cached(page, url)
    page.goto(url + "concepts/customer-churn/")
    page.wait_for_load_state("networkidle")

    context.set_offline(True)
    page.goto(url + "concepts/customer-churn/")
    assert page.locator("h1").text_content().startswith("What is customer churn?")

    page.goto(url + "metrics/churn-rate/?customers_at_start=2000&customers_lost=50")
    wait_until_computed(page, "churn_rate")
    assert form_of(page, "churn_rate").locator('output[name="churn_rate"]').text_content() == "2.5%"
    context.close()


def test_update_replaces_cached_runtime(browser, own_site):
    """A deploy with a new wheel: the old one leaves the cache, the new one arrives."""
    site_dir, url = own_site
    runtime_dir = site_dir / "assets" / "runtime"
    manifest_path = runtime_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    context = browser.new_context()
    page = context.new_page()
    visit_until_cached(page, url)
    old_wheel = f"/assets/runtime/{manifest['wheel']}"
    assert old_wheel in page.evaluate(CACHED_RUNTIME)

    # The new deploy ships the same wheel under a new content-hash folder.
    new_wheel = "0123456789ab/" + manifest["wheel"].split("/", 1)[1]
    (runtime_dir / new_wheel).parent.mkdir()
    shutil.copy(runtime_dir / manifest["wheel"], runtime_dir / new_wheel)
    manifest["files"] = [new_wheel if path == manifest["wheel"] else path for path in manifest["files"]]
    manifest["wheel"] = new_wheel
    manifest_path.write_text(json.dumps(manifest))

    page.goto(url + PREFILLED)
    wait_until_computed(page, "churn_rate")
    wait_for_value(
        page,
        """([oldWheel, newWheel]) => caches.open("calculator-runtime-v1")
            .then(cache => cache.keys())
            .then(keys => {
                const paths = keys.map(request => new URL(request.url).pathname);
                return [paths.includes(oldWheel), paths.includes(newWheel)];
            })""",
        [old_wheel, f"/assets/runtime/{new_wheel}"],
        [False, True],
    )
    context.close()
