// Sends a visitor from a moved page's old address to its new one. The
// redirect pages that sitebuild/redirects.py writes load this file with
// data-redirect-to set to the new address, relative to the old one. The
// query string (a prefilled calculator) and the fragment (a section) are
// carried over. It is a classic script, not a module, because only classic
// scripts get document.currentScript. It is a file, not inline, so a
// Content-Security-Policy without 'unsafe-inline' allows it.
{
  const target = document.currentScript?.dataset.redirectTo;
  if (target === undefined) {
    console.error("redirect.js: no data-redirect-to on its <script>; follow the link on the page instead.");
  } else {
    const url = new URL(target, document.baseURI);
    url.search = window.location.search;
    url.hash = window.location.hash;
    window.location.replace(url.href);
  }
}
