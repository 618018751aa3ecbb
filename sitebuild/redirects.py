"""Keep the published addresses of moved pages working.

``redirects.yml`` in the repository root maps each old page path to the
page's new path, both relative to the site root (``old/path/: new/path/``).
After a build, `add_redirects` writes for every entry:

* a small HTML page at the old path. Its external script
  (``assets/javascripts/redirect.js``, so a Content-Security-Policy without
  inline scripts allows it) sends the visitor to the new page and keeps the
  query string and the fragment. A plain link is the fallback without
  JavaScript, and ``<link rel="canonical">`` names the new page.
* a line of ``_redirects`` in the site root, the format Netlify and
  Cloudflare Pages read, so a host that reads it can respond with a 301.
  `sitebuild.server` honours the same file.

NOTE: Cloudflare Pages applies ``_redirects`` even where a file exists, as
`sitebuild.server` does. Netlify serves an existing file instead unless the
rule is forced (``301!``), so there visitors get the redirect page, with its
script redirect and no 301. The rules stay unforced because Cloudflare's
documented format has no ``!`` form.

This is a post-build step rather than an MkDocs plugin, so MkDocs and
Zensical builds of the same ``mkdocs.yml`` can both get it. The build fails
if a target is not a page of the built site, or if a source is one.
"""

import posixpath
import re
from html import escape, unescape
from pathlib import Path

import yaml

REDIRECT_MAP = Path(__file__).resolve().parent.parent / "redirects.yml"
REDIRECTS_FILE = "_redirects"
SCRIPT_PATH = "assets/javascripts/redirect.js"

# Page paths are built from MkDocs' URL slugs, so a small character set is
# enough, and it keeps every path a single field of a _redirects line.
_SEGMENT = re.compile(r"[A-Za-z0-9._~-]+")

# Identifies a redirect page written by this module, so running the step
# again on the same folder does not mistake it for a real page.
_REDIRECT_SCRIPT = re.compile(r'<script src="[^"]*redirect\.js" data-redirect-to="(?P<target>[^"]*)">')

_TITLE = re.compile(r"<title>(?P<title>.*?)</title>", re.DOTALL)

_REDIRECT_STATUSES = {301, 302, 303, 307, 308}

_PAGE = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Moved: {title}</title>
<link rel="canonical" href="{href}">
<script src="{script}" data-redirect-to="{href}"></script>
</head>
<body>
<p>This page has moved to <a href="{href}">{title}</a>.</p>
</body>
</html>
"""


class RedirectError(ValueError):
    """Raised for a redirect map entry that is malformed or does not fit the built site."""


def normalize_path(path: object) -> str:
    """Check a redirect map path and return it without its optional leading slash.

    A path names a page the way its URL does: ``metrics/churn-rate/`` (a
    folder's ``index.html``), ``old/page.html``, or ``/`` for the home page.
    Queries, fragments, ``.`` and ``..`` segments and characters outside
    ``A-Z a-z 0-9 . _ ~ -`` are rejected.
    """
    if not isinstance(path, str):
        raise RedirectError(f"invalid path {path!r}: expected a string such as 'old/page/'")

    relative = path.removeprefix("/")
    if relative == "":
        return relative

    if not (relative.endswith("/") or relative.endswith(".html")):
        raise RedirectError(f"invalid path {path!r}: end it with '/' (a folder's page) or '.html'")
    for segment in relative.removesuffix("/").split("/"):
        if segment in (".", "..") or not _SEGMENT.fullmatch(segment):
            raise RedirectError(
                f"invalid path {path!r}: segment {segment!r} must be letters, digits, '.', '_', '~' or '-',"
                " and not '.' or '..'"
            )
    return relative


def page_file(path: str) -> str:
    """Return the file, relative to the site root, that serves a normalized page path."""
    if path == "" or path.endswith("/"):
        return f"{path}index.html"
    return path


def relative_url(from_path: str, to_path: str) -> str:
    """Return the URL of page ``to_path`` relative to the page at ``from_path``.

    Relative URLs keep working when the site is served under a sub-path.
    """
    base = posixpath.dirname(f"/{from_path}")
    url = posixpath.relpath(f"/{to_path}", base)
    if to_path == "" or to_path.endswith("/"):
        url = "./" if url == "." else f"{url}/"
    return url


def load_redirect_map(path: Path = REDIRECT_MAP) -> dict[str, str]:
    """Read a redirect map file: a YAML mapping of old paths to new paths (empty is allowed)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RedirectError(f"{path}: expected a mapping of old paths to new paths, got {type(data).__name__}")
    return data


def redirect_target(page: Path) -> str | None:
    """Return the ``data-redirect-to`` URL of a redirect page this module wrote, else None."""
    if not page.is_file():
        return None
    match = _REDIRECT_SCRIPT.search(page.read_text(encoding="utf-8"))
    return unescape(match["target"]) if match else None


def check_redirects(site_dir: Path, redirect_map: dict[str, str]) -> dict[str, str]:
    """Return the map with normalized paths, or raise `RedirectError` for the first bad entry.

    A source must not be a page of the built site, since the redirect would
    hide it. A target must be one, and not itself a redirect, so every
    visitor gets there in one step.
    """
    redirects: dict[str, str] = {}
    source_files: dict[str, str] = {}

    for raw_source, raw_target in redirect_map.items():
        try:
            source = normalize_path(raw_source)
            target = normalize_path(raw_target)
        except RedirectError as error:
            raise RedirectError(f"redirect {raw_source!r}: {error}") from None

        source_file = page_file(source)
        if (site_dir / source_file).is_file() and redirect_target(site_dir / source_file) is None:
            raise RedirectError(
                f"redirect {raw_source!r}: the built site has a page at {source_file}; "
                "remove the redirect or move that page"
            )
        if source_file in source_files:
            raise RedirectError(f"redirect {raw_source!r}: same page as redirect {source_files[source_file]!r}")
        source_files[source_file] = raw_source
        redirects[source] = target

    for source, target in redirects.items():
        target_file = page_file(target)
        if target_file in source_files or redirect_target(site_dir / target_file) is not None:
            raise RedirectError(
                f"redirect {source!r}: target {target!r} is itself redirected; point it at the final page"
            )
        if not (site_dir / target_file).is_file():
            raise RedirectError(
                f"redirect {source!r}: target {target!r} not found in the built site (expected {target_file})"
            )
    return redirects


def render_redirect_page(site_dir: Path, source: str, target: str) -> str:
    """Render the HTML page served at ``source`` that sends visitors on to ``target``."""
    title_match = _TITLE.search((site_dir / page_file(target)).read_text(encoding="utf-8"))
    title = unescape(title_match["title"].strip()) if title_match else f"/{target}"
    return _PAGE.format(
        title=escape(title),
        href=escape(relative_url(source, target)),
        script=escape(relative_url(source, SCRIPT_PATH)),
    )


def render_redirects_file(redirects: dict[str, str]) -> str:
    """Render ``_redirects``: one ``/old /new 301`` line per redirect, in map order."""
    lines = [f"# Permanent redirects of moved pages, written by sitebuild.redirects from {REDIRECT_MAP.name}."]
    lines += [f"/{source} /{target} 301" for source, target in redirects.items()]
    return "\n".join(lines) + "\n"


def write_redirects(site_dir: Path, redirect_map: dict[str, str]) -> None:
    """Write a redirect page for each entry of ``redirect_map`` and the ``_redirects`` file."""
    redirects = check_redirects(site_dir, redirect_map)

    # Without the script every redirect page would stop at its fallback link.
    if redirects and not (site_dir / SCRIPT_PATH).is_file():
        raise RedirectError(f"{site_dir / SCRIPT_PATH} not found: docs/{SCRIPT_PATH} must be part of the build")

    for source, target in redirects.items():
        page = site_dir / page_file(source)
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(render_redirect_page(site_dir, source, target), encoding="utf-8")

    (site_dir / REDIRECTS_FILE).write_text(render_redirects_file(redirects), encoding="utf-8")


def add_redirects(site_dir: Path) -> None:
    """Post-build step: apply the repository's ``redirects.yml`` to the built site."""
    write_redirects(site_dir, load_redirect_map())


def parse_redirects_file(text: str) -> dict[str, tuple[str, int]]:
    """Parse ``_redirects`` into {source path: (target URL, status)}.

    Only the subset this module writes is understood: one ``source target
    [status]`` rule a line with exact paths, the status defaulting to 301, and
    ``#`` comments. Source paths are stored without a trailing slash, since
    static hosts match ``/old`` and ``/old/`` alike.
    """
    rules: dict[str, tuple[str, int]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue

        fields = line.split()
        has_valid_status = len(fields) == 2 or (
            len(fields) == 3 and fields[2].isdigit() and int(fields[2]) in _REDIRECT_STATUSES
        )
        if not has_valid_status:
            raise RedirectError(
                f"{REDIRECTS_FILE} line {number}: expected 'source target [status]' with a redirect status "
                f"({', '.join(map(str, sorted(_REDIRECT_STATUSES)))}), got {line!r}"
            )
        status = int(fields[2]) if len(fields) == 3 else 301
        rules[fields[0].rstrip("/") or "/"] = (fields[1], status)
    return rules


def find_redirect(path: str, rules: dict[str, tuple[str, int]]) -> tuple[str, int] | None:
    """Return the (target, status) of the rule matching a decoded URL path, or None."""
    return rules.get(path.rstrip("/") or "/")
