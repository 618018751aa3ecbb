"""Serve a built site on loopback with the headers a static host should send.

Used by ``make serve`` and by the browser tests, so both see what a correctly
configured host would send: JavaScript modules as ``text/javascript``, the
WebAssembly binary as ``application/wasm`` (which lets browsers compile it
while it streams), and the styled ``404.html`` for unknown paths.

Usage: ``python -m sitebuild.server [--root site] [--host 127.0.0.1] [--port 8000]``
"""

import argparse
import functools
import logging
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

logger = logging.getLogger(__name__)

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

    def log_message(self, format, *args):
        logger.info("%s %s", self.address_string(), format % args)


def make_server(root: Path, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    """Create (but do not start) a server for ``root``; port 0 picks a free one."""
    handler = functools.partial(SiteRequestHandler, directory=str(root))
    return ThreadingHTTPServer((host, port), handler)


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
