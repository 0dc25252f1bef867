"""Installed (through PYTHONPATH) in every Python process an adversarial case starts.

When FUZZ_ALLOWED is set, an audit hook records each `open` of a file outside the allowed folders
(os.pathsep-separated, plus the system files the standard library reads, such as
/etc/mime.types) in the file FUZZ_REPORT, one path a line. The report is opened before the
hook is installed and written with os.write, so the hook never sees its own writes.
"""

import os
import sys

_allowed = [p for p in os.environ.get("FUZZ_ALLOWED", "").split(os.pathsep) if p]
_report_path = os.environ.get("FUZZ_REPORT", "")

if _allowed and _report_path:
    _report = os.open(_report_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    _system = ["/etc/mime.types", "/etc/httpd/mime.types", "/etc/apache2/mime.types", "/etc/apache/mime.types",
               "/etc/httpd/conf/mime.types", "/usr/local/etc/httpd/conf/mime.types", "/usr/local/lib/netscape/mime.types",
               "/usr/local/etc/mime.types", "/etc/localtime", "/dev/null", "/dev/urandom"]
    _prefixes = tuple(os.path.realpath(p).rstrip(os.sep) + os.sep for p in [*_allowed, *_system])
    _busy = False

    def _hook(event: str, args: tuple) -> None:
        global _busy
        if event != "open" or _busy or not args or not isinstance(args[0], (str, bytes, os.PathLike)):
            return
        _busy = True
        try:
            path = os.fsdecode(os.fspath(args[0]))
            # A relative name comes with a dir_fd the event does not show (shutil.rmtree walks
            # that way); the generator itself opens spec files by absolute path.
            real = os.path.realpath(path)
            if os.path.isabs(path) and not (real + os.sep).startswith(_prefixes):
                os.write(_report, (real + "\n").encode("utf-8", "backslashreplace"))
        finally:
            _busy = False

    sys.addaudithook(_hook)
