"""Published addresses keep working, and moved pages redirect.

tests/published_urls.txt lists every address the site has published. Each is
opened over HTTP on the loopback server of the built site, following
redirects as a browser would. The page must exist and have the fragment as
an element id. The query of a prefilled calculator link must survive the
redirects and name fields of one calculator form. Renaming a page therefore
fails here until redirects.yml maps the old path to the new one, and
renaming a heading fails until the page keeps the old id.

The second half tests the redirect step (sitebuild.redirects) on small
sites in temporary folders, and the loopback server's ``_redirects`` support.
"""

import http.client
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit
from urllib.request import urlopen

import pytest

import calc
from sitebuild import redirects
from sitebuild.server import serve_in_thread

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PUBLISHED_URLS = Path(__file__).with_name("published_urls.txt")

# More hops than this means a redirect loop.
MAX_HOPS = 5

# A second-level heading with an explicit attr_list id: "## Formula {#formula}".
EXPLICIT_H2_ID = re.compile(r"^##\s.*\{[^}]*#(?P<id>[\w-]+)[^}]*\}\s*$")


def read_published_urls() -> list[str]:
    """Return the addresses in published_urls.txt, skipping blank lines and ``#`` comments."""
    addresses = []
    for number, line in enumerate(PUBLISHED_URLS.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not line.startswith("/"):
            raise ValueError(f"{PUBLISHED_URLS.name} line {number}: expected an address starting with '/', got {line!r}")
        addresses.append(line)
    return addresses


class PageParser(HTMLParser):
    """Collect a page's element ids, its calculator forms' field names and, on a redirect page, its target."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.forms: dict[str, set[str]] = {}
        self.redirect_to: str | None = None
        self._form: set[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "script" and "data-redirect-to" in attributes:
            self.redirect_to = attributes["data-redirect-to"]
        if tag == "form" and "data-calculator" in attributes:
            self._form = self.forms.setdefault(attributes["data-calculator"], set())
        elif self._form is not None and tag in ("input", "select", "textarea") and attributes.get("name"):
            self._form.add(attributes["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def parse_page(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    return parser


def open_page(url: str) -> tuple[str, PageParser]:
    """Open ``url`` as a visitor would and return the final URL and its parsed page.

    urlopen follows HTTP redirects. A redirect page, which hosts without
    ``_redirects`` serve, is followed the way redirect.js does: to its
    target, with the same query string. Raises HTTPError for a missing page.
    """
    for _ in range(MAX_HOPS):
        with urlopen(url, timeout=30) as response:
            final_url = response.url
            page = parse_page(response.read().decode("utf-8"))
        if page.redirect_to is None:
            return final_url, page
        target = urlsplit(urljoin(final_url, page.redirect_to))
        url = urlunsplit(target._replace(query=urlsplit(final_url).query))
    raise AssertionError(f"more than {MAX_HOPS} redirects from {url}")


def page_url(markdown: Path) -> str:
    """Return the site address MkDocs gives a Markdown page (directory URLs)."""
    relative = markdown.relative_to(DOCS).with_suffix("").as_posix()
    if relative == "index" or relative.endswith("/index"):
        relative = relative.removesuffix("index")
    else:
        relative += "/"
    return f"/{relative}"


def current_addresses(site_dir: Path) -> list[str]:
    """List each page of docs/ with its h1 id and explicit h2 ids, read from the sources and the build."""
    addresses = []
    for markdown in sorted(DOCS.rglob("*.md")):
        url = page_url(markdown)
        addresses.append(url)

        built = parse_heading_ids(site_dir / redirects.page_file(url[1:]))
        if built.h1_id:
            addresses.append(f"{url}#{built.h1_id}")

        for line in markdown.read_text(encoding="utf-8").splitlines():
            match = EXPLICIT_H2_ID.match(line)
            if match:
                addresses.append(f"{url}#{match['id']}")
    return addresses


class HeadingParser(HTMLParser):
    """Find the id of a page's first h1."""

    def __init__(self):
        super().__init__()
        self.h1_id: str | None = None
        self._seen_h1 = False

    def handle_starttag(self, tag, attrs):
        if tag == "h1" and not self._seen_h1:
            self._seen_h1 = True
            self.h1_id = dict(attrs).get("id")


def parse_heading_ids(path: Path) -> HeadingParser:
    parser = HeadingParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


# ---- Published addresses on the built site ------------------------------------


@pytest.mark.parametrize("address", read_published_urls())
def test_published_url_resolves(site_url, address):
    """The address opens a page, directly or through redirects, with its
    fragment as an element id and its query kept and naming calculator fields."""
    requested = urlsplit(address)
    url = site_url + urlunsplit(requested._replace(fragment=""))[1:]

    try:
        final_url, page = open_page(url)
    except HTTPError as error:
        pytest.fail(
            f"{address}: HTTP {error.code} from {error.url}. If the page moved, "
            "map its old path to the new one in redirects.yml."
        )

    if requested.fragment:
        assert requested.fragment in page.ids, (
            f"{address}: no element with id {requested.fragment!r} on {final_url}. "
            "If the heading was renamed, keep its old id on the page."
        )

    if requested.query:
        assert urlsplit(final_url).query == requested.query, f"{address}: query lost on the way to {final_url}"
        names = {name for name, _ in parse_qsl(requested.query, keep_blank_values=True)}
        forms = [form for form, fields in page.forms.items() if names <= fields]
        assert forms, f"{address}: {sorted(names)} are not fields of one calculator form on {final_url}: {page.forms}"


def test_published_urls_cover_site(built_site):
    """Every page, page title (h1) id and explicit h2 id of docs/ is in
    published_urls.txt, so new pages are protected once published."""
    published = set(read_published_urls())

    missing = [address for address in current_addresses(built_site) if address not in published]

    assert not missing, "add these lines to tests/published_urls.txt:\n" + "\n".join(missing)


def test_every_calculator_has_prefilled_link(built_site):
    """published_urls.txt has, for each calculator in calc, a link to a page
    with its form that names every one of its inputs."""
    prefilled = [urlsplit(address) for address in read_published_urls() if "?" in address]

    for calculator in calc.CALCULATORS:
        input_names = {spec.name for spec in calculator.inputs}
        linked = [
            address
            for address in prefilled
            if {name for name, _ in parse_qsl(address.query, keep_blank_values=True)} == input_names
            and calculator.id in parse_page(
                (built_site / redirects.page_file(address.path[1:])).read_text(encoding="utf-8")
            ).forms
        ]
        assert linked, f"no prefilled link for calculator {calculator.id!r} naming {sorted(input_names)}"


def test_published_urls_lines_unique():
    """Each address is listed once, so a duplicate never hides a deleted line."""
    addresses = read_published_urls()

    duplicates = sorted({address for address in addresses if addresses.count(address) > 1})

    assert not duplicates, duplicates


# ---- The redirect step --------------------------------------------------------


def write_page(site_dir: Path, path: str, title: str) -> None:
    page = site_dir / path
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(f"<!doctype html><html><head><title>{title}</title></head><body></body></html>", encoding="utf-8")


@pytest.fixture
def small_site(tmp_path) -> Path:
    """A built site's skeleton: the home page, one metric page and redirect.js."""
    write_page(tmp_path, "index.html", "Home")
    write_page(tmp_path, "metrics/churn-rate/index.html", "Churn rate &amp; more")
    script = tmp_path / redirects.SCRIPT_PATH
    script.parent.mkdir(parents=True)
    script.write_text("// stand-in for redirect.js\n", encoding="utf-8")
    return tmp_path


class TestWriteRedirects:
    def test_page_written_at_old_path(self, small_site):
        """The old path gets a page whose script, canonical link and fallback
        link all name the new page, relative to the old one."""
        redirects.write_redirects(small_site, {"questions/churn/": "metrics/churn-rate/"})

        html = (small_site / "questions/churn/index.html").read_text(encoding="utf-8")
        assert '<script src="../../assets/javascripts/redirect.js" data-redirect-to="../../metrics/churn-rate/">' in html
        assert '<link rel="canonical" href="../../metrics/churn-rate/">' in html
        assert '<a href="../../metrics/churn-rate/">Churn rate &amp; more</a>' in html
        assert "<title>Moved: Churn rate &amp; more</title>" in html

    def test_page_has_no_inline_script(self, small_site):
        """The redirect page's only script is the external file, so a strict CSP allows it."""
        redirects.write_redirects(small_site, {"questions/churn/": "metrics/churn-rate/"})

        html = (small_site / "questions/churn/index.html").read_text(encoding="utf-8")
        assert re.findall(r"<script[^>]*>(.*?)</script>", html, re.DOTALL) == [""]
        assert not re.search(r"\son\w+=", html)

    def test_redirects_file_lists_each_redirect(self, small_site):
        """_redirects has one '/old /new 301' line per entry, in map order."""
        redirects.write_redirects(small_site, {"old/": "metrics/churn-rate/", "/older.html": "/"})

        lines = (small_site / "_redirects").read_text(encoding="utf-8").splitlines()
        assert [line for line in lines if not line.startswith("#")] == [
            "/old/ /metrics/churn-rate/ 301",
            "/older.html / 301",
        ]

    def test_empty_map_writes_no_pages(self, small_site):
        """An empty map writes a _redirects file with no rules and no pages."""
        before = sorted(small_site.rglob("*.html"))

        redirects.write_redirects(small_site, {})

        assert sorted(small_site.rglob("*.html")) == before
        assert redirects.parse_redirects_file((small_site / "_redirects").read_text(encoding="utf-8")) == {}

    def test_rerun_rewrites_own_pages(self, small_site):
        """Running the step twice on one folder is not mistaken for a collision."""
        redirects.write_redirects(small_site, {"old/": "metrics/churn-rate/"})

        redirects.write_redirects(small_site, {"old/": "metrics/churn-rate/"})

        assert redirects.redirect_target(small_site / "old/index.html") == "../metrics/churn-rate/"

    def test_missing_target_fails(self, small_site):
        with pytest.raises(redirects.RedirectError, match=r"target 'metrics/nope/' not found in the built site"):
            redirects.write_redirects(small_site, {"old/": "metrics/nope/"})

    def test_source_that_is_a_page_fails(self, small_site):
        """A redirect must not hide a page that still exists."""
        with pytest.raises(redirects.RedirectError, match=r"the built site has a page at metrics/churn-rate/index.html"):
            redirects.write_redirects(small_site, {"metrics/churn-rate/": "/"})

    def test_chained_redirect_fails(self, small_site):
        """A target that is itself redirected is rejected, so every redirect is one hop."""
        with pytest.raises(redirects.RedirectError, match=r"target 'b/' is itself redirected"):
            redirects.write_redirects(small_site, {"a/": "b/", "b/": "metrics/churn-rate/"})

    def test_same_page_twice_fails(self, small_site):
        """'old/' and 'old/index.html' are one file, so both cannot be redirected."""
        with pytest.raises(redirects.RedirectError, match=r"same page as redirect 'old/'"):
            redirects.write_redirects(small_site, {"old/": "/", "old/index.html": "metrics/churn-rate/"})

    def test_missing_script_fails(self, small_site):
        """Without redirect.js in the build every redirect page would stall, so the build fails."""
        (small_site / redirects.SCRIPT_PATH).unlink()

        with pytest.raises(redirects.RedirectError, match=r"redirect\.js not found"):
            redirects.write_redirects(small_site, {"old/": "/"})

    @pytest.mark.parametrize(
        ("path", "rule"),
        [
            ("old", r"end it with '/'"),
            ("old/?a=1", r"end it with '/'"),
            ("old/#top", r"end it with '/'"),
            ("../old/", r"segment '\.\.'"),
            ("a/./b/", r"segment '\.'"),
            ("old page/", r"segment 'old page'"),
            ("https://example.org/", r"segment 'https:'"),
            (42, r"expected a string"),
        ],
    )
    def test_malformed_path_rejected(self, small_site, path, rule):
        with pytest.raises(redirects.RedirectError, match=rule):
            redirects.write_redirects(small_site, {path: "/"})
        with pytest.raises(redirects.RedirectError, match=rule):
            redirects.write_redirects(small_site, {"old/": path})

    def test_repository_map_is_valid(self):
        """redirects.yml parses to a mapping of well-formed paths (the build checks the pages)."""
        redirect_map = redirects.load_redirect_map()

        for source, target in redirect_map.items():
            assert redirects.normalize_path(source) != redirects.normalize_path(target), source


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("old/", "new/", "../new/"),
        ("a/b/c/", "", "../../../"),
        ("old.html", "", "./"),
        ("a/old.html", "a/new/", "new/"),
        ("a/b/", "a/b/c/", "c/"),
        ("a/b/", "x.html", "../../x.html"),
    ],
)
def test_relative_url(source, target, expected):
    """Redirect pages link relatively, so the site also works under a sub-path."""
    assert redirects.relative_url(source, target) == expected


class TestRedirectsFile:
    def test_status_defaults_to_301(self):
        rules = redirects.parse_redirects_file("# comment\n\n/old/ /new/\n/gone /new/ 302\n")

        assert rules == {"/old": ("/new/", 301), "/gone": ("/new/", 302)}

    def test_trailing_slash_matches_either_way(self):
        """Like static hosts, '/old' and '/old/' match the same rule."""
        rules = redirects.parse_redirects_file("/old/ /new/ 301\n")

        assert redirects.find_redirect("/old", rules) == ("/new/", 301)
        assert redirects.find_redirect("/old/", rules) == ("/new/", 301)
        assert redirects.find_redirect("/old/index.html", rules) is None

    @pytest.mark.parametrize("line", ["/old/", "/old/ /new/ 200", "/old/ /new/ 301 extra", "/old/ /new/ permanent"])
    def test_malformed_line_rejected(self, line):
        with pytest.raises(redirects.RedirectError, match=r"_redirects line 1: expected 'source target \[status\]'"):
            redirects.parse_redirects_file(line)


# ---- The loopback server ------------------------------------------------------


@pytest.fixture
def redirecting_server(small_site):
    """The small site with one redirect, served on a free loopback port."""
    redirects.write_redirects(small_site, {"questions/churn/": "metrics/churn-rate/"})
    server, url = serve_in_thread(small_site)
    yield urlsplit(url).netloc
    server.shutdown()
    server.server_close()


def request(netloc: str, method: str, path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection(netloc, timeout=30)
    connection.request(method, path)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


class TestServerRedirects:
    @pytest.mark.parametrize("path", ["/questions/churn/", "/questions/churn"])
    def test_redirect_keeps_query(self, redirecting_server, path):
        """A _redirects source gets a 301 to the target with the same query string."""
        response = request(redirecting_server, "GET", f"{path}?customers_lost=50&x=%2F1")

        assert response.status == 301
        assert response.getheader("Location") == "/metrics/churn-rate/?customers_lost=50&x=%2F1"

    def test_redirect_without_query(self, redirecting_server):
        response = request(redirecting_server, "HEAD", "/questions/churn/")

        assert response.status == 301
        assert response.getheader("Location") == "/metrics/churn-rate/"

    def test_other_paths_served(self, redirecting_server):
        """Paths not in _redirects are served as files, the redirect page's own file included."""
        assert request(redirecting_server, "GET", "/metrics/churn-rate/").status == 200
        assert request(redirecting_server, "GET", "/questions/churn/index.html").status == 200
        assert request(redirecting_server, "GET", "/questions/nope/").status == 404
