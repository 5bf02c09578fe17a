"""ZIP files assembled from already-compressed parts.

``zipfile`` can only write what it compresses itself; a template's styles.xml (350 KB) and
stylesWithEffects.xml (440 KB) would then be inflated and deflated again for each of 10,000
documents. Here a template's members are read once as they are stored (their compressed bytes,
CRC and sizes) and written into each new file unchanged; only the parts that differ are
compressed. Entries are UTF-8 named (flag bit 11), at most 65,535 and under 4 GiB in all (no
ZIP64): a batch is checked against both before it starts.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass

UTF8 = 0x800                      # general purpose flag bit 11: names are UTF-8
STORED, DEFLATED = 0, 8
VERSION = 20                      # "version needed to extract": 2.0, deflate (APPNOTE 4.4.3)
LOCAL, CENTRAL, END = 0x04034B50, 0x02014B50, 0x06054B50   # the records' signatures
MAX_ENTRIES = 65_535
MAX_BYTES = 0xFFFFFFFF
DOS_TIME, DOS_DATE = 0, (2024 - 1980) << 9 | 1 << 5 | 1   # 2024-01-01: files made alike compare alike


@dataclass(frozen=True)
class Entry:
    name: str
    method: int
    crc: int
    size: int          # uncompressed
    data: bytes        # as stored (compressed when method is DEFLATED)


def read_raw(blob: bytes) -> list[Entry]:
    """Every member of a ZIP as it is stored, in order."""
    archive = zipfile.ZipFile(__import__("io").BytesIO(blob))
    out = []
    for info in archive.infolist():
        offset = info.header_offset
        name_len, extra_len = struct.unpack("<HH", blob[offset + 26:offset + 30])
        start = offset + 30 + name_len + extra_len
        out.append(Entry(info.filename, info.compress_type, info.CRC, info.file_size,
                         blob[start:start + info.compress_size]))
    return out


def deflated(name: str, data: bytes, level: int = 6) -> Entry:
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    return Entry(name, DEFLATED, zlib.crc32(data), len(data), packer.compress(data) + packer.flush())


def stored(name: str, data: bytes) -> Entry:
    return Entry(name, STORED, zlib.crc32(data), len(data), data)


class Writer:
    """A ZIP written as a list of byte chunks: ``add`` returns the bytes of one entry (its local
    header and data) so that a caller can hand them on in batches; ``close`` returns the central
    directory and the end record."""

    def __init__(self) -> None:
        self.offset = 0
        self.central: list[bytes] = []

    def add(self, entry: Entry) -> bytes:
        name = entry.name.encode("utf-8")
        if len(self.central) >= MAX_ENTRIES or self.offset + len(entry.data) > MAX_BYTES:
            raise ValueError("压缩包过大（超过 65,535 个文件或 4 GB），请分批生成")
        fields = (VERSION, UTF8, entry.method, DOS_TIME, DOS_DATE, entry.crc & MAX_BYTES, len(entry.data),
                  entry.size)
        local = struct.pack("<IHHHHHIIIHH", LOCAL, *fields, len(name), 0) + name
        self.central.append(struct.pack("<IHHHHHHIIIHHHHHII", CENTRAL, VERSION, *fields, len(name), 0, 0, 0, 0, 0,
                                        self.offset) + name)
        self.offset += len(local) + len(entry.data)
        return local + entry.data

    def close(self) -> bytes:
        directory = b"".join(self.central)
        end = struct.pack("<IHHHHIIH", END, 0, 0, len(self.central), len(self.central), len(directory),
                          self.offset, 0)
        return directory + end


def build(entries: list[Entry]) -> bytes:
    writer = Writer()
    return b"".join([writer.add(e) for e in entries] + [writer.close()])
