"""Write the site's HTTP headers, including a strict Content-Security-Policy.

The policy allows scripts only from the site itself, plus the theme's few
inline scripts by their SHA-256 hashes, which are computed here from the
built HTML so they always match the Material version in use. Pyodide needs
``'wasm-unsafe-eval'`` to compile WebAssembly; nothing needs ``eval``.

The headers go to ``_headers`` in the site root, in the format Netlify and
Cloudflare Pages read. ``sitebuild.server`` applies the same file, so local
serving and the browser tests get exactly what a deploy sends.
"""

import base64
import hashlib
import re
from pathlib import Path

_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_NOT_EXECUTED = re.compile(r"""type\s*=\s*["']?application/(ld\+)?json""", re.IGNORECASE)

HEADERS_FILE = "_headers"

# Cache rules. The Pyodide folder's name carries its version, and the
# snapshot and bytecode folders' names a hash of their content or inputs,
# so their files never change in place. The manifest names the current
# files, so browsers must revalidate it. Patterns must not overlap, because hosts that read
# _headers combine the values of every matching rule.
CACHE_RULES = {
    "/assets/runtime/pyodide-*": "public, max-age=31536000, immutable",
    "/assets/runtime/snapshot-*": "public, max-age=31536000, immutable",
    "/assets/runtime/bytecode-*": "public, max-age=31536000, immutable",
    "/assets/runtime/manifest.json": "no-cache",
}


class ContentSecurityError(RuntimeError):
    """Raised when a built page has an inline script the policy cannot allow."""


def inline_script_hashes(site_dir: Path) -> list[str]:
    """Return the sorted CSP hash sources of every executable inline script."""
    hashes = set()
    for page in sorted(site_dir.rglob("*.html")):
        for match in _SCRIPT.finditer(page.read_text(encoding="utf-8")):
            attributes = match["attributes"]
            if "src=" in attributes or _NOT_EXECUTED.search(attributes):
                continue
            if re.search(r"\son\w+\s*=", attributes):
                raise ContentSecurityError(f"{page}: inline event handler in <script{attributes}>")
            digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
            hashes.add(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return sorted(hashes)


def content_security_policy(script_hashes: list[str]) -> str:
    """Build the policy: same origin only, inline scripts by hash only."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'wasm-unsafe-eval'", *script_hashes],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def render_headers(policy: str) -> str:
    """Render the ``_headers`` file: security headers for all, cache rules by path."""
    lines = [
        "/*",
        f"  Content-Security-Policy: {policy}",
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: no-referrer",
        "  Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()",
    ]
    for pattern, cache_control in CACHE_RULES.items():
        lines += [pattern, f"  Cache-Control: {cache_control}"]
    return "\n".join(lines) + "\n"


def write_headers(site_dir: Path) -> None:
    """Post-build step: write ``_headers`` for the built site."""
    policy = content_security_policy(inline_script_hashes(site_dir))
    (site_dir / HEADERS_FILE).write_text(render_headers(policy), encoding="utf-8")


def parse_headers(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Parse a ``_headers`` file into (path pattern, [(name, value)]) rules."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
            continue
        if not rules or ":" not in line:
            raise ValueError(f"{HEADERS_FILE} line {number}: expected 'Name: value' under a path, got {line!r}")
        name, value = line.strip().split(":", 1)
        rules[-1][1].append((name.strip(), value.strip()))
    return rules


def headers_for(path: str, rules: list[tuple[str, list[tuple[str, str]]]]) -> dict[str, str]:
    """Return the headers for a URL path, joining the values of every matching
    rule with ", " as static hosts do."""
    headers: dict[str, str] = {}
    for pattern, pairs in rules:
        if re.fullmatch(re.escape(pattern).replace(r"\*", ".*"), path):
            for name, value in pairs:
                headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return headers
