"""`compile.archive_texts`: the files of protoc's zip archives, as `zipfile` reads them."""

from __future__ import annotations

import io
import zipfile

import pytest

from generator.proto.compile import archive_texts

TEXTS = {
    "a/b_pb2.py": "# café\nDESCRIPTOR = b'\\x00'\n",
    "a/b_pb2.pyi": "",
    "a/c/d_pb2_grpc.py": "import grpc\n" * 50,
}


def archive(method: int, extra: bytes = b"") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as written:
        written.writestr(zipfile.ZipInfo("a/"), "")  # a folder entry: left out
        for name, text in TEXTS.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = method
            info.extra = extra  # (in the local header too: the text starts after it)
            written.writestr(info, text.encode())
    return buffer.getvalue()


@pytest.mark.parametrize("method", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
@pytest.mark.parametrize("extra", [b"", b"\xfe\xca\x04\x00abcd"])
def test_every_file_is_read_as_zipfile_reads_it(method: int, extra: bytes) -> None:
    assert dict(archive_texts(archive(method, extra))) == TEXTS


def test_a_stored_entry_whose_header_is_not_where_the_directory_says_is_read_by_zipfile() -> None:
    """(Then `zipfile` says what is wrong, rather than a slice of the wrong bytes.)"""
    data = bytearray(archive(zipfile.ZIP_STORED))
    start = zipfile.ZipFile(io.BytesIO(data)).getinfo("a/b_pb2.py").header_offset
    data[start : start + 4] = b"XXXX"  # its local header's signature
    with pytest.raises(zipfile.BadZipFile):
        dict(archive_texts(bytes(data)))
