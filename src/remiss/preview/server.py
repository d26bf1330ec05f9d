"""A local preview server: the project's documents as HTML, rendered on request.

It listens on 127.0.0.1 only and writes nothing: every page is rendered in
memory through the one render path, with `remiss check`'s findings beside
it. `/andringar` answers with a digest of the project's files, which the
pages poll to reload themselves when a file is saved.
"""

from __future__ import annotations

import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from remiss.html.body import esc
from remiss.preview import pages, sources
from remiss.render.check import check_file
from remiss.render.source import render_source

HOST = "127.0.0.1"


class PreviewServer(ThreadingHTTPServer):
    """The HTTP server of one project; rendering runs one request at a time."""

    daemon_threads = True

    def __init__(self, root: Path, port: int) -> None:
        self.root = root.resolve()
        self.lock = threading.Lock()
        super().__init__((HOST, port), PreviewHandler)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"

    def page(self, path: str, query: dict[str, list[str]]) -> tuple[int, bytes]:
        """Return the status and HTML of the page at a URL path."""
        with self.lock:
            digest = sources.digest(self.root)
            project = sources.load(self.root)
            found_pages = sources.pages(project)
            if path in ("/", "/index.html"):
                return 200, pages.index_page(project, found_pages, digest)
            page = next((p for p in found_pages if p.url == path), None)
            if page is None:
                return 404, not_found(path)
            public = query.get("offentlig", [""])[0] in ("1", "ja", "true")
            result = render_source(page.job, project, ("html",), public)
            report = check_file(page.job, project, project.root / "output")
            html = result.outputs.get(page.output)
            if html is None:
                html = pages.broken_page(page.job.path, project)
            return 200, pages.document_page(
                html, page, project, report.diagnostics, digest
            )


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "remiss-serve"
    sys_version = ""

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        if not self._from_this_machine():
            self._send(403, forbidden(), "text/html; charset=utf-8")
            return
        try:
            if path == "/andringar":
                body = sources.digest(self.server.root).encode("ascii")
                self._send(200, body, "text/plain; charset=utf-8")
                return
            status, body = self.server.page(path, parse_qs(parts.query))
        except Exception as exc:  # noqa: BLE001 - shown in the page, not a traceback
            print(
                f"remiss serve: internt fel vid {path}, detta är en bugg i remiss "
                f"({type(exc).__name__}: {exc})",
                file=sys.stderr,
            )
            status, body = 500, error_page(exc)
        self._send(status, body, "text/html; charset=utf-8")

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()

    def _from_this_machine(self) -> bool:
        """Return whether the request names this server by its local address.

        A web page elsewhere could point a name of its own at 127.0.0.1 and
        read the preview (DNS rebinding); its requests carry that name."""
        port = self.server.server_address[1]
        host = (self.headers.get("Host") or "").lower()
        return host in (f"{HOST}:{port}", f"localhost:{port}")

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header(
            "Content-Security-Policy",
            "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
            "script-src 'unsafe-inline'; connect-src 'self'",
        )
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Say nothing per request: the pages poll twice a second."""


def _simple(title: str, text: str) -> bytes:
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{esc(title)}</title>\n</head>\n<body>\n<main>\n"
        f"<h1>{esc(title)}</h1>\n<p>{esc(text)}</p>\n"
        '<p><a href="/">Alla ärenden och möten</a></p>\n</main>\n</body>\n</html>\n'
    ).encode()


def not_found(path: str) -> bytes:
    return _simple(
        "Sidan finns inte",
        f"Ingen ärende- eller mötesfil i projektet ger sidan {path}. "
        "Förhandsvisningen visar filerna under cases/.",
    )


def forbidden() -> bytes:
    return _simple(
        "Åtkomst nekad",
        "Förhandsvisningen svarar bara på adressen som remiss serve skrev ut "
        "(127.0.0.1 eller localhost).",
    )


def error_page(exc: Exception) -> bytes:
    return _simple(
        "Internt fel",
        f"Detta är en bugg i remiss ({type(exc).__name__}: {exc}).",
    )
