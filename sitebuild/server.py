"""Serve a built site on loopback with the headers a static host should send.

Used by ``make serve`` and by the browser tests, so both see what a correctly
configured host would send: JavaScript modules as ``text/javascript``, the
WebAssembly binary as ``application/wasm`` (which lets browsers compile it
while it streams), and the styled ``404.html`` for unknown paths.

Headers listed in the site's ``_headers`` file (written at build time by
`sitebuild.csp`, in the format Netlify and Cloudflare Pages read) are sent
with every matching response, the Content-Security-Policy among them. This
server also adds ``report-uri`` to that policy and keeps every violation
report the browser posts, so tests can fail on any violation and
``make serve`` logs them.

Paths listed in the site's ``_redirects`` file (written by
`sitebuild.redirects`, in the same hosts' format) are answered with their
redirect status and a ``Location`` that keeps the query string; browsers
keep the fragment themselves.

Usage: ``python -m sitebuild.server [--root site] [--host 127.0.0.1] [--port 8000]``
"""

import argparse
import functools
import gzip
import io
import json
import logging
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sitebuild.csp import HEADERS_FILE, headers_for, parse_headers
from sitebuild.redirects import REDIRECTS_FILE, find_redirect, parse_redirects_file

logger = logging.getLogger(__name__)

CSP_REPORT_PATH = "/__csp-report"

# Files a static host would compress on the fly; zips and .gz files already are.
COMPRESSIBLE_SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".wasm"}


@functools.lru_cache(maxsize=256)
def _gzip_bytes(path: Path, modified: float) -> bytes:
    # modified is part of the cache key, so a rebuilt file is compressed again.
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


def _gzipped(path: Path) -> bytes:
    return _gzip_bytes(path, path.stat().st_mtime)

CONTENT_TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".wasm": "application/wasm",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".json": "application/json",
    ".svg": "image/svg+xml",
}


class SiteRequestHandler(SimpleHTTPRequestHandler):
    """Static file handler with explicit content types and a styled 404."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **CONTENT_TYPES}

    def end_headers(self):
        # Read on every response so a rebuild takes effect without a restart.
        headers_file = Path(self.directory) / HEADERS_FILE
        if headers_file.is_file():
            rules = parse_headers(headers_file.read_text(encoding="utf-8"))
            for name, value in headers_for(urlsplit(self.path).path, rules).items():
                if name.lower() == "content-security-policy":
                    value = f"{value}; report-uri {CSP_REPORT_PATH}"
                self.send_header(name, value)
        super().end_headers()

    def do_POST(self):
        if urlsplit(self.path).path != CSP_REPORT_PATH:
            self.send_error(405, "Only CSP violation reports may be posted")
            return

        length = min(int(self.headers.get("Content-Length", 0)), 64 * 1024)
        try:
            report = json.loads(self.rfile.read(length) or b"{}")
        except json.JSONDecodeError:
            report = {"unreadable": True}
        self.server.csp_reports.append(report)
        logger.warning("Content-Security-Policy violation: %s", json.dumps(report))

        self.send_response(204)
        self.end_headers()

    def send_head(self):
        # Read on every request, like _headers, so a rebuild takes effect without a restart.
        redirects_file = Path(self.directory) / REDIRECTS_FILE
        if not redirects_file.is_file():
            return self.send_file_head()

        url = urlsplit(self.path)
        rules = parse_redirects_file(redirects_file.read_text(encoding="utf-8"))
        redirect = find_redirect(unquote(url.path), rules)
        if redirect is None:
            return self.send_file_head()

        target, status = redirect
        self.send_response(status)
        self.send_header("Location", f"{target}?{url.query}" if url.query else target)
        self.send_header("Content-Length", "0")
        self.end_headers()
        return None

    def send_file_head(self):
        """Send a file's headers, gzip-compressed when it is text or wasm and
        the browser accepts gzip, as static hosts do; return its body."""
        url_path = urlsplit(self.path).path
        path = Path(self.translate_path(self.path))
        if url_path.endswith("/") and path.is_dir():
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not accepts_gzip or path.suffix not in COMPRESSIBLE_SUFFIXES or not path.is_file():
            return super().send_head()

        body = _gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.end_headers()
        return io.BytesIO(body)

    def send_error(self, code, message=None, explain=None):
        not_found_page = Path(self.directory) / "404.html"
        if code != 404 or not not_found_page.is_file():
            super().send_error(code, message, explain)
            return

        body = not_found_page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def list_directory(self, path):
        # Static hosts answer a folder without index.html with 404, not a listing.
        self.send_error(404)
        return None

    def log_message(self, format, *args):
        logger.info("%s %s", self.address_string(), format % args)


def make_server(root: Path, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    """Create (but do not start) a server for ``root``; port 0 picks a free one."""
    handler = functools.partial(SiteRequestHandler, directory=str(root))
    server = ThreadingHTTPServer((host, port), handler)
    server.csp_reports = []
    return server


def serve_in_thread(root: Path, host: str = "127.0.0.1") -> tuple[ThreadingHTTPServer, str]:
    """Start a server on a free loopback port in a daemon thread; return it and its base URL."""
    server = make_server(root, host, 0)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    return server, f"http://{host}:{server.server_address[1]}/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("site"), help="folder of the built site (default: site)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="TCP port to listen on (default: 8000)")
    args = parser.parse_args()

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not (args.root / "index.html").is_file():
        parser.error(f"{args.root / 'index.html'} not found: build the site first (make build)")
    server = make_server(args.root, args.host, args.port)
    logger.info("Serving %s at http://%s:%d/ (Ctrl+C to stop)", args.root, args.host, args.port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        logger.info("Stopped")
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
