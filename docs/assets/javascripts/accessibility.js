// Gives Material's search dialog an accessible name: the theme (9.8) renders
// it with role="dialog" but no label, which screen readers announce as an
// unnamed dialog. The header survives instant navigation, so once is enough.
const search = document.querySelector('.md-search[role="dialog"]');
if (search && !search.hasAttribute("aria-label")) {
  search.setAttribute("aria-label", "Search");
}
