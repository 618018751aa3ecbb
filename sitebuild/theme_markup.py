"""Post-build step: remove the two invalid attributes Material 9.8.2 writes.

The theme writes this markup outside any template block we can override,
so the only alternative to this transform is copying whole templates:

* ``tabindex=""`` on section labels in the navigation (partials/nav-item.html
  sets the value only for labels that are not sections). An empty tabindex
  is invalid and means the same as none, so the attribute goes.
* ``autocomplete="off"`` on the drawer and search toggles, which are
  checkboxes, for which HTML does not allow the attribute. The theme sets it
  so that Firefox does not restore an open drawer or search after a reload.
  NOTE: without it Firefox may do that; Chromium does not.

Every built page is checked with the Nu Html Checker in the tests.
"""

import re
from pathlib import Path

_SECTION_LABEL_TABINDEX = re.compile(r'(<label class="md-nav__link" for="__nav_[\d_]+" id="__nav_[\d_]+_label") tabindex=""')
_TOGGLE_AUTOCOMPLETE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)")'
    r' autocomplete="off"'
)


def fix_markup(html: str) -> str:
    """Return ``html`` without the theme's two invalid attributes."""
    html = _SECTION_LABEL_TABINDEX.sub(r"\1", html)
    return _TOGGLE_AUTOCOMPLETE.sub(r"\1", html)


def fix_theme_markup(site_dir: Path) -> None:
    """Rewrite every built page that contains the theme's invalid attributes."""
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        fixed = fix_markup(html)
        if fixed != html:
            page.write_text(fixed, encoding="utf-8")
