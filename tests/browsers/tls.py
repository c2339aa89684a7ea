"""A local HTTPS server for the Firefox tests, with a certificate made at test time."""

from __future__ import annotations

import http.server
import ssl
import subprocess
import threading
from pathlib import Path
from urllib.parse import urlsplit

from browsers.base import SERVED_HOSTS, Routes

# The served hosts resolve to a loopback address (see FirefoxDriver), on the default port.
HTTPS_PORT = 443


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A throwaway self-signed certificate for the served hosts (Firefox is told to accept it)."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    names = ",".join(f"DNS:{host}" for host in SERVED_HOSTS)
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", "/CN=claude.ai", "-addext", f"subjectAltName={names}",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


class FixtureServer:
    """Serves Routes over HTTPS on `address`:443 in a background thread."""

    def __init__(self, routes: Routes, folder: Path, address: str):
        self.address = address
        cert, key = make_certificate(folder)

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                host = (self.headers.get("Host") or "").split(":")[0]
                found = routes.page(host, urlsplit(self.path).path)
                body, kind = found or (b"not a fixture", "text/plain")
                self.send_response(404 if found is None else 200)
                self.send_header("Content-Type", kind)
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        try:
            self.server = http.server.ThreadingHTTPServer((address, HTTPS_PORT), Handler)
        except PermissionError as err:
            raise RuntimeError(
                f"the Firefox tests serve https://claude.ai on {address}:{HTTPS_PORT}, which "
                "needs root (run make test as root, as CI does)"
            ) from err
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
