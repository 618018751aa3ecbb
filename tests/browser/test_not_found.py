"""Addresses that are not pages, opened in real Chromium.

A mistyped address at any depth gets the styled 404 page: everything it
loads arrives, because 404.html links to its assets from the site root, and
its header and navigation lead to real pages. A moved page's old address
lands on the new page with the query string and fragment kept, both through
the server's 301 (``_redirects``) and through the redirect page that hosts
without ``_redirects`` serve.
"""

import shutil

import pytest
from playwright.sync_api import expect

from sitebuild import redirects
from sitebuild.server import serve_in_thread

pytestmark = pytest.mark.browser

# A wrong page at the root, a wrong page in a real section, and a deep path
# ending in a file name: each makes relative asset links resolve differently.
MISTYPED_PATHS = ["nope", "metrics/nope/", "a/b/c/d.html"]

# Lists the theme's main stylesheet with its rule count, when it loaded.
MAIN_STYLESHEET_RULES = """() => [...document.styleSheets]
    .filter(sheet => sheet.href && /\\/assets\\/stylesheets\\/main\\.[0-9a-f]+\\.min\\.css$/.test(sheet.href))
    .map(sheet => sheet.cssRules.length)"""


def record_failed_requests(page, document_url: str) -> list[str]:
    """Collect every request that fails or gets an HTTP error, except the 404 document itself."""
    failures = []
    page.on("requestfailed", lambda request: failures.append(f"{request.url}: {request.failure}"))
    page.on(
        "response",
        lambda response: failures.append(f"{response.url}: HTTP {response.status}")
        if response.status >= 400 and response.url != document_url
        else None,
    )
    return failures


def open_not_found(page, site_url: str, path: str):
    """Open a mistyped address; return the response and the list of failed requests."""
    url = site_url + path
    failures = record_failed_requests(page, url)
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    return response, failures


@pytest.mark.parametrize("path", MISTYPED_PATHS)
def test_mistyped_url_gets_styled_404(page, site_url, path):
    """The response is HTTP 404 with the theme's page, and every asset it requests loads."""
    response, failures = open_not_found(page, site_url, path)

    assert response.status == 404
    assert page.locator("article h1").inner_text() == "404 - Not found"
    assert failures == []
    assert page.evaluate(MAIN_STYLESHEET_RULES)[0] > 0
    assert page.locator(".md-header").evaluate("header => getComputedStyle(header).position") == "sticky"


@pytest.mark.parametrize("path", MISTYPED_PATHS)
def test_404_navigation_opens_page(page, site_url, path):
    """A link in the 404 page's navigation opens the real page it names."""
    open_not_found(page, site_url, path)

    page.locator(".md-nav--primary").get_by_role("link", name="Churn rate", exact=True).click()

    page.wait_for_url(f"{site_url}metrics/churn-rate/")
    expect(page.locator("h1#calculate-churn")).to_be_visible()


@pytest.mark.parametrize("path", MISTYPED_PATHS)
def test_404_header_link_opens_home(page, site_url, path):
    """The header's logo link on the 404 page opens the home page."""
    open_not_found(page, site_url, path)

    page.locator(".md-header").get_by_role("link", name="Customer Success Handbook").click()

    page.wait_for_url(site_url)
    expect(page.locator("h1#customer-success-handbook")).to_be_visible()


# ---- Moved pages ----------------------------------------------------------------


@pytest.fixture(scope="module")
def moved_site_url(built_site, tmp_path_factory):
    """A copy of the built site in which questions/churn/ has moved to
    metrics/churn-rate/, served on its own loopback port."""
    site = tmp_path_factory.mktemp("moved") / "site"
    shutil.copytree(built_site, site)
    redirects.write_redirects(site, {"questions/churn/": "metrics/churn-rate/"})

    server, url = serve_in_thread(site)
    yield url
    server.shutdown()
    server.server_close()


def test_moved_page_301_keeps_query_and_fragment(page, moved_site_url):
    """The old address responds with 301, and the browser lands on the new page
    with the same query (prefilling the form) and fragment."""
    response = page.goto(f"{moved_site_url}questions/churn/?customers_lost=75&x=1#formula")

    assert response.request.redirected_from is not None
    assert response.request.redirected_from.response().status == 301
    assert page.url == f"{moved_site_url}metrics/churn-rate/?customers_lost=75&x=1#formula"
    assert page.evaluate("() => [location.search, location.hash]") == ["?customers_lost=75&x=1", "#formula"]
    expect(page.locator("h1#calculate-churn")).to_be_visible()
    expect(page.locator('form[data-calculator="churn_rate"] [name="customers_lost"]')).to_have_value("75")


def test_redirect_page_keeps_query_and_fragment(page, moved_site_url):
    """The redirect page itself, as a host without _redirects serves it,
    sends the browser on with redirect.js, keeping query and fragment."""
    response = page.goto(f"{moved_site_url}questions/churn/index.html?customers_lost=75&x=1#formula")

    assert response.status == 200
    page.wait_for_url(f"{moved_site_url}metrics/churn-rate/?customers_lost=75&x=1#formula")
    assert page.evaluate("() => [location.search, location.hash]") == ["?customers_lost=75&x=1", "#formula"]
    expect(page.locator("h1#calculate-churn")).to_be_visible()
    expect(page.locator('form[data-calculator="churn_rate"] [name="customers_lost"]')).to_have_value("75")


def test_redirect_page_without_javascript_links_on(browser, moved_site_url):
    """With JavaScript off the redirect page stays, showing a link to the new page."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{moved_site_url}questions/churn/index.html")

        page.get_by_role("link", name="Churn rate - Customer Success Handbook").click()

        page.wait_for_url(f"{moved_site_url}metrics/churn-rate/")
        expect(page.locator("h1#calculate-churn")).to_be_visible()
    finally:
        context.close()
