"""Post-build step: on a calculator page, the theme's script waits for Python.

Material ends every page with its script (``bundle.<hash>.min.js``), which
blocks the parser until it has downloaded and run. Once the document is
parsed it sets the page up, then fetches the sitemap and the search index
and builds the index in a search worker. On a calculator page all of this
competes with the Pyodide start for the network and the processor. On a
2-core machine, a calculator link served locally showed its first result
1,025 ms after navigation cold and 673 ms warm with the theme's script in
place. Loaded once Python was ready, it took 921 and 589 ms (medians of 6).

This step takes the script's tag out of each calculator page and gives its
URL to the script in the head that starts the calculator worker
(``overrides/main.html``). That script loads the theme once the runtime is
ready or has failed, at the visitor's first tap, click, key or wheel, or
after a time limit, whichever comes first. Other pages are left as they are.
"""

import re
from pathlib import Path

_THEME_SCRIPT = re.compile(r'[ \t]*<script src="(?P<url>[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>\n?')
_WORKER_SCRIPT = re.compile(r'(?P<tag><script data-worker="[^"]*")>')


class ThemeScriptError(RuntimeError):
    """Raised when a calculator page does not have exactly one theme script to move."""


def defer_theme_script_in(html: str, page: str = "page") -> str:
    """Return a calculator page's ``html`` with the theme's script moved to the worker script's ``data-theme``."""
    theme_scripts = list(_THEME_SCRIPT.finditer(html))
    if len(theme_scripts) != 1:
        raise ThemeScriptError(
            f"{page}: expected one theme script tag, found {len(theme_scripts)}. If the theme was"
            " upgraded, check how its template now loads bundle.<hash>.min.js and update _THEME_SCRIPT"
        )
    worker_scripts = _WORKER_SCRIPT.findall(html)
    if len(worker_scripts) != 1:
        raise ThemeScriptError(
            f"{page}: expected one worker script, found {len(worker_scripts)}. The head of"
            " overrides/main.html must write exactly one <script data-worker=...> on a calculator page"
        )
    url = theme_scripts[0]["url"]
    html = _THEME_SCRIPT.sub("", html, count=1)
    return _WORKER_SCRIPT.sub(lambda worker: f'{worker["tag"]} data-theme="{url}">', html, count=1)


def defer_theme_script(site_dir: Path) -> None:
    """Move the theme's script into the worker script on every calculator page."""
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if _WORKER_SCRIPT.search(html):
            page.write_text(defer_theme_script_in(html, str(page)), encoding="utf-8")
