"""Runs validation beside the conversion and remembers its findings by content hash.

openapi-spec-validator takes ~1.4 s on the 3 MB OpenAI description with jsonschema_rs installed and
~7.7 s without, against ~1.2 s for loading and converting it. So for large documents a worker
process (`python -m generator.openapi.validate_worker`) is started first thing and joined at the end;
small documents are validated in-process, where a process would cost more than it saves. A plain
subprocess, not multiprocessing: spawn would re-run the caller's unguarded main script.

Findings are cached (in the cache folder, `generator.cache_location`) keyed by the SHA-256 of the root document and the
validator engine; an entry also records the hashes of the other files the description read. When
the document changed, only the parts the change can affect are checked again (`validation_parts`,
which keeps records per part): in the worker after a cold run, and in this process when records
of an earlier run are there (a worker would cost more in start-up, imports and handing over the
document than the few parts to check), unless YAML anchors may make nodes shared.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import generator
from generator.openapi.cache import Cache, digest
from generator.openapi.load import Spec
from generator.openapi.validate import Finding, engine, validate
from generator.openapi.validation_parts import stored_records, validate_by_parts

# Below this size validating in-process is cheaper than starting a worker.
BACKGROUND_MIN_BYTES = 256 * 1024
_KIND = "validated"
# A YAML anchor (`&name` where a node starts: at the text's start or after a blank, `[`, `{`,
# `,` or `:`): the parsed document may share nodes, which validation by parts must not be given.
# Conservative: text that only looks like one counts. The `&` comes first and what precedes it is
# looked behind at, so that the search skips ahead to each `&` (a pattern beginning with the
# alternatives tried every position: 0.26 s on 10 MB, against 3 ms).
_ANCHOR = re.compile(rb"&(?<![^\s\[{,:]&)[^\s\[\]{},]")


class ValidationRun:
    """Started before parsing, joined last (`findings`); `close` always, to reap the worker."""

    def __init__(self, root: Path, cache: Cache, *, variant: str = "") -> None:
        self.root = root.resolve()
        self.cache = cache
        # `variant`: what changes the document after reading (overlays, conversion from 2.0)
        data = self.root.read_bytes()
        source = digest(data)
        # the root document as read here, for the caller's reading of it (`load.Spec`: not read
        # and hashed again); the caller lets go of it
        self.read: tuple[bytes, str] | None = (data, source)
        if variant:
            source = digest(f"{source}+{variant}".encode())
        self.key = f"{source}-{engine()}"
        self.variant = variant
        self.cached = self._cached()
        # parts of the document checked on their own, and how many of them by the library this
        # time (the rest from the cache): what the worker reports; zero when validated whole
        self.stats = {"validation_parts": 0, "validation_parts_checked": 0}
        self._worker: subprocess.Popen[bytes] | None = None
        self.documents: dict[str, Any] = {}
        self.entries: dict[str, str] = {}  # see `validation_parts.validate_by_parts`
        self._feeder: threading.Thread | None = None
        self._records: Any = None  # of an earlier validation by parts: few parts left to check
        if self.cached is None and self.root.stat().st_size >= BACKGROUND_MIN_BYTES:
            self._records = stored_records(str(self.root), cache)
            if self._records is None or _ANCHOR.search(data):
                self._records = None
                self._worker = _start_worker(self.root, cache, variant)

    def submit(
        self, document: Any, documents: dict[str, Any] | None = None, entries: dict[str, str] | None = None
    ) -> None:
        """Hand the root document (and `documents`: other files as converted, by path, read in
        place of the files; `entries`: see `validation_parts.validate_by_parts`) to the worker (a
        thread writes it: pipes are small)."""
        self.documents = documents or {}
        self.entries = entries or {}
        worker = self._worker
        if worker is None or worker.stdin is None:
            return
        payload = json.dumps([document, self.documents, self.entries]).encode("utf-8")
        stream = worker.stdin

        def feed() -> None:
            try:
                stream.write(payload)
                stream.close()
            except (OSError, ValueError):
                pass  # the worker died; `findings` validates in-process

        self._feeder = threading.Thread(target=feed, name="apigen-validate-feed", daemon=True)
        self._feeder.start()

    def findings(self, spec: Spec) -> list[Finding]:
        """Every finding, sorted; computed in-process when no worker ran or the worker failed."""
        if self.cached is not None:
            return self.cached
        found = self._join()
        if found is None and self._records is not None:
            document = spec.root.data
            entries = self.entries
            if spec.root.origins is not None:  # converted from 2.0: nodes may be shared
                document, entries = json.loads(json.dumps(document)), {}
            outcome = validate_by_parts(
                str(self.root), document, self.cache, self.variant, self.documents, self._records, entries
            )
            found = outcome.findings
            self.stats = {
                "validation_parts": outcome.parts,
                "validation_parts_checked": outcome.validated,
            }
        if found is None:
            found = validate(str(self.root), spec.root.data, self.documents)
        self._store(spec, found)
        return found

    def close(self) -> None:
        if self._worker is not None:
            self._worker.kill()
            self._worker.communicate()
            self._worker = None
        if self._feeder is not None:
            self._feeder.join()
            self._feeder = None

    def _join(self) -> list[Finding] | None:
        if self._worker is None:
            return None
        worker, self._worker = self._worker, None
        if self._feeder is None:  # never fed: nothing to wait for
            worker.kill()
            worker.communicate()
            return None
        self._feeder.join()
        output = worker.stdout.read() if worker.stdout is not None else b""
        worker.wait()
        if worker.returncode != 0:
            return None
        try:
            result: Any = json.loads(output)
            rows = result["findings"]
            found = [Finding(str(file), str(pointer), str(text)) for file, pointer, text in rows]
            self.stats = {
                "validation_parts": int(result["parts"]),
                "validation_parts_checked": int(result["validated"]),
            }
            return found
        except (ValueError, TypeError, KeyError):
            return None

    # --- cache ------------------------------------------------------------------------

    def _cached(self) -> list[Finding] | None:
        entry = self.cache.get(_KIND, self.key)
        if not isinstance(entry, dict):
            return None
        try:
            for relative, file_digest in entry["files"].items():
                if digest((self.root.parent / relative).read_bytes()) != file_digest:
                    return None
            root, base = str(self.root), self.root.parent
            return [
                Finding(str((base / file).resolve()) if file else root, pointer, message)
                for file, pointer, message in entry["findings"]
            ]
        except (OSError, KeyError, TypeError, ValueError):
            return None

    def _store(self, spec: Spec, found: list[Finding]) -> None:
        base = self.root.parent
        files = {
            os.path.relpath(doc.path, base): doc.digest
            for doc in spec.documents.values()
            if doc.path != self.root
        }
        # the root's own findings under "": a file of the same content elsewhere, or under another
        # name, takes this entry (the key is the content's) and names itself
        root = str(self.root)
        rows = [
            ["" if f.file == root else os.path.relpath(f.file, base), f.pointer, f.message] for f in found
        ]
        self.cache.put(_KIND, self.key, {"files": dict(sorted(files.items())), "findings": rows})


def _start_worker(root: Path, cache: Cache, variant: str) -> subprocess.Popen[bytes] | None:
    package_parent = str(Path(generator.__file__).resolve().parent.parent)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH")) if p)
    folder = "" if cache.folder is None else str(cache.folder)
    module = "generator.openapi.validate_worker"
    command = [sys.executable, "-m", module, str(root), folder, variant]
    try:
        return subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
    except OSError:
        return None
