"""The cache key of a package hashes every file under its spec folders: a file that goes away
between the listing and the read (another run writing beside the spec) is no traceback."""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator.pipeline import _hash_files


def test_a_file_gone_since_it_was_listed_gives_a_key_no_run_repeats(tmp_path: Path) -> None:
    kept = tmp_path / "kept.yaml"
    kept.write_text("a: 1\n")
    gone = tmp_path / "gone.yaml"  # listed, then removed before it was read
    keys = []
    for _ in range(2):
        digest = hashlib.sha256()
        _hash_files(digest, [kept, gone])
        keys.append(digest.hexdigest())
    assert keys[0] != keys[1]  # (so no output is taken as up to date with it)
    whole = hashlib.sha256()
    _hash_files(whole, [kept])
    assert whole.hexdigest() not in keys
