"""Reading a CSV file as spreadsheets save it: UTF-8 (with or without BOM) or Windows-1252,
comma, semicolon or tab separated, any line ends; streamed, hashed, errors with file:line."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from crisis.errors import ValidationError

CHUNK_BYTES = 1 << 20
#: A UTF-8 encoded Latin letter with an accent (é is C3 A9): a file holding one is UTF-8.
_UTF8_LATIN = re.compile(rb"[\xc3\xc5][\x80-\xbf]")
_LINE_END = re.compile(rb"\r\n|\r|\n")
#: Where to look when a file does not read.
CONVERT_HINT = (
    "save it again as 'CSV UTF-8' (Excel: Enregistrer sous > CSV UTF-8 (délimité par des "
    "virgules)), or convert it: iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE-utf8.csv"
)


@dataclass(frozen=True, slots=True)
class Dialect:
    """How a file is written: its encoding (a Python codec) and its separator."""

    encoding: str
    delimiter: str


class CsvSource:
    """The rows of a CSV file, with the line each starts on and the SHA-256 of its bytes.

    The file is read twice: once (bytes only) to choose its encoding, so that no row is
    parsed in a wrong one, then row by row.
    """

    def __init__(self, f: BinaryIO, name: str) -> None:
        self._f = f
        self.name = name
        self._sha = hashlib.sha256()
        self.dialect = Dialect(_encoding(f, name), ",")
        self.line = 0

    @property
    def sha256(self) -> str:
        """The hash of every byte read so far (all of them once the rows are read)."""
        return self._sha.hexdigest()

    def rows(self) -> Iterator[list[str]]:
        """Each row's cells, the header first; :attr:`line` is the line the row starts on.

        Raises:
            ValidationError: malformed CSV (naming the line), or the file changed while read.
        """
        self._f.seek(0)
        text = io.TextIOWrapper(
            io.BufferedReader(_Hashing(self._f, self._sha)),
            encoding=self.dialect.encoding,
            newline="",  # the csv module sees every line end as written (\r, \n, \r\n)
        )
        lines = iter(text)
        try:
            first = next(lines)
        except StopIteration:
            raise ValidationError("the file is empty", where=self.name) from None
        except UnicodeDecodeError:
            raise self._changed() from None
        self.dialect = Dialect(self.dialect.encoding, _separator(first))
        reader = csv.reader(_chain(first, lines), delimiter=self.dialect.delimiter, strict=True)
        while True:
            self.line = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise ValidationError(
                    _csv_problem(str(exc)), where=f"{self.name}:{self.line}"
                ) from None
            except UnicodeDecodeError:
                raise self._changed() from None
            yield row

    def _changed(self) -> ValidationError:
        return ValidationError("the file changed while it was read", where=self.name)


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def _separator(header: str) -> str:
    """The separator of a header line: the most frequent of comma, semicolon and tab."""
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def _csv_problem(message: str) -> str:
    """The csv module's complaint, said for a person who opened the file in a spreadsheet."""
    if "field larger than field limit" in message:
        return (
            f"a field is longer than {csv.field_size_limit()} characters "
            "(a quote left open swallows the lines after it)"
        )
    if "unexpected end of data" in message or "EOF" in message:
        return 'a quoted field opened on this line is never closed (a " is missing)'
    if "new-line character seen in unquoted field" in message:
        return "a line end inside an unquoted field: quote the field"
    return f"malformed CSV: {message}"


class _Hashing(io.RawIOBase):
    """A binary file read through, every byte added to a hash."""

    def __init__(self, f: BinaryIO, sha: hashlib._Hash) -> None:
        self._f = f
        self._sha = sha

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._f.read(len(buffer))
        buffer[: len(data)] = data
        self._sha.update(data)
        return len(data)


def _encoding(f: BinaryIO, name: str) -> str:
    """The encoding of the whole file: UTF-8 (``utf-8-sig`` drops a BOM) or Windows-1252.

    A file that is not UTF-8 is read as Windows-1252 (what French Excel writes for "CSV
    (séparateur: point-virgule)") unless it also holds UTF-8 accented letters: then it mixes
    both, and the first byte that is not UTF-8 is named.

    Raises:
        ValidationError: UTF-16, a mixed file, or a byte Windows-1252 does not define.
    """
    f.seek(0)
    start = f.read(4)
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValidationError(f"the file is saved as UTF-16 (Unicode text): {CONVERT_HINT}",
                              where=name)  # fmt: skip
    bad = _first_bad(f, "utf-8")
    if bad is None:
        return "utf-8-sig"
    f.seek(0)
    if any(_UTF8_LATIN.search(chunk) for chunk in iter(lambda: f.read(CHUNK_BYTES), b"")):
        raise _bad_byte(f, name, bad, "not valid UTF-8")
    bad = _first_bad(f, "cp1252")
    if bad is not None:
        raise _bad_byte(f, name, bad, "neither UTF-8 nor Windows-1252")
    return "cp1252"


def _first_bad(f: BinaryIO, encoding: str) -> int | None:
    """The offset of the first byte that does not decode, or None."""
    f.seek(0)
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = 0
    while True:
        chunk = f.read(CHUNK_BYTES)
        try:
            decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            pending = len(exc.object) - len(chunk)  # bytes held back from the last chunk
            return offset - pending + exc.start
        if not chunk:
            return None
        offset += len(chunk)


def _bad_byte(f: BinaryIO, name: str, offset: int, what: str) -> ValidationError:
    """The error for the byte at `offset`: its line, column and field (from the header)."""
    f.seek(0)
    before = f.read(offset)
    line_no = len(_LINE_END.findall(before)) + 1
    line_start = max(before.rfind(b"\n"), before.rfind(b"\r")) + 1
    f.seek(line_start)
    raw_line = _LINE_END.split(f.read(1 << 17), maxsplit=1)[0]
    f.seek(0)
    header_raw = _LINE_END.split(f.read(1 << 17), maxsplit=1)[0].removeprefix(b"\xef\xbb\xbf")
    header_text = header_raw.decode("utf-8", errors="replace")
    delimiter = _separator(header_text)
    header = next(csv.reader([header_text], delimiter=delimiter), [])
    cells = next(csv.reader([raw_line.decode("utf-8", errors="replace")], delimiter=delimiter),
                 [])  # fmt: skip
    where = f"{name}:{line_no}"
    field = next((i for i, cell in enumerate(cells) if "\ufffd" in cell), None)
    if field is not None and field < len(header):
        where += f", field '{header[field]}'"
    byte = raw_line[offset - line_start]
    return ValidationError(
        f"{what} (byte 0x{byte:02x} at column {offset - line_start + 1}): {CONVERT_HINT}",
        where=where,
    )
