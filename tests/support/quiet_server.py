"""The threading HTTP server of the tests' local servers: a client that hangs up (a deadline
test, a test leaving a stream early) is part of the tests, not a server failure, so it is not
printed; any other handler error still is."""

from __future__ import annotations

import sys
from http.server import ThreadingHTTPServer
from typing import Any


class QuietOnHangUp(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)
