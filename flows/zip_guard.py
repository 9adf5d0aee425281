"""What a zipped workbook (.xlsx, .xlsm, .ods) really unpacks to, measured before openpyxl or
calamine touch it.

The sizes an archive declares are the sender's word: a 1.6 MB workbook whose members declare a
few KB each inflated to 2.3 GB inside calamine before anything refused it. Here every member is
inflated as a stream, a chunk at a time, and counted: more bytes than the member declares, more
than the limit in all, one cell longer than a CSV cell may be, or an XML document type (entity
declarations: external files, "billion laughs") refuse the file while it has cost a few MB.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from zipfile import ZIP_DEFLATED, ZIP_STORED, ZipFile, ZipInfo

from transforms.contract.messages import FileProblem, InputFileError

MAX_UNPACKED_BYTES = 400 * 1024 * 1024  # a real round workbook unpacks to a few MB
# One cell, as for CSV: the csv module's field limit (csv.field_size_limit(), 131,072) bounds a
# cell of a text table (flows/text_tables.py); Excel itself stores at most 32,767 per cell.
MAX_CELL_CHARS = 131_072
CHUNK = 1024 * 1024  # inflated bytes held at a time
# A tag (`<…>`) longer than this is no workbook's: an attribute as long as a cell, at the least
MAX_TAG_BYTES = 8 * MAX_CELL_CHARS
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, (version … sizes), name and extra lengths

# Where one cell's text begins: a shared string (`<si>`), a worksheet cell (`<c …>`), an ODS
# cell; with or without a namespace prefix. Text between two of them belongs to one cell.
_CELL_START = re.compile(rb"(?=<(?:[\w.-]+:)?(?:si|c|table-cell|covered-table-cell)[\s/>])")  # kept whole
_TAG = re.compile(rb"<[^>]*>")
_ENTITY = re.compile(rb"&#?\w{1,10};")  # `&amp;`, `&#233;`: one character each
_ODS_SPACES = re.compile(rb"<(?:[\w.-]+:)?s\s[^>]*?c=[\"'](\d{1,12})[\"']")  # `<text:s text:c="9"/>`
_DOCTYPE = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_UTF8_CONTINUATION = bytes(range(0x80, 0xC0))
_CELL_MEMBERS = re.compile(r"(xl/sharedStrings\.xml|xl/worksheets/[^/]+\.xml|content\.xml)\Z",
                           re.IGNORECASE)


@dataclass
class CellText:
    """The longest cell of one XML member, counted in characters as its chunks stream past."""

    member: str
    counting: bool  # only members that hold cells are counted; every member is checked for a DTD
    pending: bytes = b""  # an unfinished tag, kept for the next chunk
    current: int = 0  # characters of the cell being read

    def feed(self, data: bytes) -> str:
        """The problem this chunk shows ("" for none): a DTD, a cell or a tag too long."""
        data = self.pending + data
        cut = data.rfind(b"<")
        self.pending = data[cut:] if cut != -1 and data.find(b">", cut) == -1 else b""
        data = data[:len(data) - len(self.pending)]
        if len(self.pending) > MAX_TAG_BYTES:
            return "cell_too_long"
        if _DOCTYPE.search(data):
            return "xml_doctype"
        if not self.counting:
            return ""
        if self._short_cells(data):
            return ""
        parts = _CELL_START.split(data)
        self.current += _characters(parts[0])  # the cell the previous chunk ended in
        if self.current > MAX_CELL_CHARS:
            return "cell_too_long"
        if len(parts) == 1:
            return ""
        # a cell has no more characters than bytes, so only a long one is counted exactly
        # (but ODS writes runs of spaces as a count: `<text:s text:c="9"/>` is nine characters)
        exact = self.member == "content.xml"
        if any(_characters(p) > MAX_CELL_CHARS for p in parts[1:-1] if exact or len(p) > MAX_CELL_CHARS):
            return "cell_too_long"
        self.current = _characters(parts[-1])  # the cell the next chunk goes on with
        return "cell_too_long" if self.current > MAX_CELL_CHARS else ""

    def _short_cells(self, data: bytes) -> bool:
        """The common case, at C speed: split at the cell start Excel and openpyxl write, every
        piece is shorter in bytes than a cell may be in characters, so no cell is too long. (The
        regular expression split costs ten times as much; it is the fallback.)"""
        mark = _usual_start(self.member)
        pieces = data.split(mark) if mark else []
        if len(pieces) < 2 or self.current + len(pieces[0]) > MAX_CELL_CHARS:
            return False
        if max(map(len, pieces[1:])) > MAX_CELL_CHARS:
            return False
        self.current = _characters(_CELL_START.split(mark + pieces[-1])[-1])
        return True


def _usual_start(member: str) -> bytes:
    """The cell start Excel and openpyxl write in this member ("" for none known)."""
    if member.lower().startswith("xl/worksheets/"):
        return b"<c "
    return b"<si>" if member.lower() == "xl/sharedstrings.xml" else b""


def _characters(xml: bytes) -> int:
    text = _ENTITY.sub(b"&", _TAG.sub(b"", xml))
    spaces = sum(int(n) for n in _ODS_SPACES.findall(xml))  # ODS writes runs of spaces as a count
    return len(text.translate(None, _UTF8_CONTINUATION)) + spaces


def _data_start(raw: BinaryIO, info: ZipInfo) -> int:
    raw.seek(info.header_offset)
    signature, name_length, extra_length = _LOCAL_HEADER.unpack(raw.read(_LOCAL_HEADER.size))
    if signature != b"PK\x03\x04":
        raise ValueError(f"no local header for {info.filename}")
    return info.header_offset + _LOCAL_HEADER.size + name_length + extra_length


def _inflated_chunks(raw: BinaryIO, info: ZipInfo, limit: int) -> Iterator[bytes]:
    """The member's bytes as a reader would inflate them: a deflate stream to its end, whatever
    the member declares; never more than `limit` + 1 bytes."""
    raw.seek(_data_start(raw, info))
    if info.compress_type == ZIP_STORED:  # stored: its bytes on disk are what is read
        left = info.compress_size
        while left > 0 and (block := raw.read(min(CHUNK, left))):
            left -= len(block)
            yield block
        return
    if info.compress_type != ZIP_DEFLATED:  # Excel and LibreOffice only deflate
        raise ValueError(f"compression method {info.compress_type}")
    inflater, given = zlib.decompressobj(-zlib.MAX_WBITS), 0
    while not inflater.eof and given <= limit:
        source = inflater.unconsumed_tail or raw.read(CHUNK)
        if not source:
            return  # the file ends before the stream: openpyxl or calamine say it is damaged
        block = inflater.decompress(source, CHUNK)
        given += len(block)
        yield block


def _too_large(name: str, size: int) -> InputFileError:
    return InputFileError([FileProblem("file_too_large", name, value=f"{size // 2**20} MB",
                                       expected=f"{MAX_UNPACKED_BYTES // 2**20} MB")])


def _member_problem(name: str, code: str, member: str) -> InputFileError:
    if code == "cell_too_long":
        return InputFileError([FileProblem(code, name, value=member, expected=str(MAX_CELL_CHARS))])
    return InputFileError([FileProblem(code, name, value=member)])


def refuse_unsafe_zip(path: Path, name: str) -> None:
    """Refuse a zipped workbook that unpacks to more than MAX_UNPACKED_BYTES (counted as it is
    inflated: no member may inflate to more than it declares, so the declared sum bounds the
    bytes inflated), holds a cell longer than MAX_CELL_CHARS or an XML document type. Raises
    InputFileError, or ValueError for a damaged archive."""
    with ZipFile(path) as archive, path.open("rb") as raw:
        members = archive.infolist()
        declared = sum(info.file_size for info in members)
        if declared > MAX_UNPACKED_BYTES:  # the cheap refusal first: no byte inflated
            raise _too_large(name, declared)
        for info in members:
            scan = CellText(info.filename, bool(_CELL_MEMBERS.search(info.filename)))
            size = 0  # the bytes this member really inflated to
            for block in _inflated_chunks(raw, info, info.file_size):
                size += len(block)
                if size > info.file_size:  # zipfile would fail its CRC; calamine would go on
                    raise _member_problem(name, "zip_size_lie", info.filename)
                if info.filename.lower().endswith((".xml", ".rels")) and (code := scan.feed(block)):
                    raise _member_problem(name, code, info.filename)
