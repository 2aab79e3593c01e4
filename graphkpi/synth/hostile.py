"""Bundles shaped to exhaust a naive reader, for the loader's limit tests and benchmarks.

Each is small on disk and huge once parsed: a workbook declaring millions of shared strings,
a sheet whose rows reach column XFD, a CSV that is one line of empty cells. The workbooks are
written part by part (``zipfile``), as a real ``.xlsx`` is laid out, so that what they declare
is exactly what the test asks for; every part is streamed, so building one costs seconds.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"

ELEMENTS = ["id,level,name", "Z1,strategy,ยุทธศาสตร์ทดสอบ"]
PROJECTS = ["id,name,agency,fiscal_year", "P1,โครงการหนึ่ง,M1,2567"]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _column(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def rows_xml(rows: Iterable[list[str]]) -> Iterator[str]:
    """Sheet rows of inline strings, one ``<row>`` per list, cells from column A."""
    for r, row in enumerate(rows, start=1):
        cells = "".join(f'<c r="{_column(c)}{r}" t="inlineStr"><is><t>{_escape(v)}</t></is></c>'
                        for c, v in enumerate(row, start=1) if v != "")
        yield f'<row r="{r}">{cells}</row>'


def write_workbook(path: Path, sheets: dict[str, Iterable[str]], *, dimensions: dict[str, str] | None = None,
                   shared: Iterable[str] = (), shared_count: int | None = None) -> Path:
    """Write an ``.xlsx`` whose sheets hold exactly the given ``<row>`` XML chunks.

    ``dimensions`` gives a sheet's declared ``<dimension ref>``; ``shared`` the shared-strings
    part's ``<si>`` chunks and ``shared_count`` the count it declares (None: the true count is
    unknown while streaming, so the attribute is left out, as some writers do).
    """
    names = list(sheets)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_CT}.worksheet+xml"/>'
                            for i in range(1, len(names) + 1))
        zf.writestr("[Content_Types].xml",
                    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                    '2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                    f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
                    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/>'
                    f"{overrides}</Types>")
        zf.writestr("_rels/.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">'
                    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
                    "</Relationships>")
        entries = "".join(f'<sheet name="{_escape(n)}" sheetId="{i}" r:id="rId{i}"/>'
                          for i, n in enumerate(names, start=1))
        zf.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" '
                    f'xmlns:r="{_REL}"><sheets>{entries}</sheets></workbook>')
        rels = "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                       for i in range(1, len(names) + 1))
        zf.writestr("xl/_rels/workbook.xml.rels",
                    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">{rels}'
                    f'<Relationship Id="rId{len(names) + 1}" Type="{_REL}/sharedStrings" '
                    'Target="sharedStrings.xml"/></Relationships>')
        counts = f' count="{shared_count}" uniqueCount="{shared_count}"' if shared_count is not None else ""
        _stream_part(zf, "xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}"'
                     f"{counts}>", shared, "</sst>")
        for i, name in enumerate(names, start=1):
            dim = (dimensions or {}).get(name)
            head = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'
            head += f'<dimension ref="{dim}"/>' if dim else ""
            _stream_part(zf, f"xl/worksheets/sheet{i}.xml", head + "<sheetData>", sheets[name],
                         "</sheetData></worksheet>")
    return path


def _stream_part(zf: zipfile.ZipFile, name: str, head: str, body: Iterable[str], tail: str) -> None:
    with zf.open(name, "w", force_zip64=True) as fh:
        fh.write(head.encode())
        batch: list[str] = []
        size = 0
        for piece in body:
            batch.append(piece)
            size += len(piece)
            if size >= 1 << 20:
                fh.write("".join(batch).encode())
                batch.clear()
                size = 0
        fh.write(("".join(batch) + tail).encode())


def csv_rows(lines: list[str]) -> list[list[str]]:
    """CSV lines without quoting, as the cells of sheet rows."""
    return [line.split(",") for line in lines]


def many_shared_strings(path: Path, count: int, declare: bool = True) -> Path:
    """A valid small bundle whose shared-strings part holds ``count`` one-letter strings."""
    return write_workbook(path, {"elements": rows_xml(csv_rows(ELEMENTS)), "projects": rows_xml(csv_rows(PROJECTS))},
                          shared=_repeat("<si><t>a</t></si>", count),
                          shared_count=count if declare else None)


def rows_to_column(path: Path, rows: int, column: str = "XFD", declare: bool = True) -> Path:
    """A projects sheet of ``rows`` rows, each with one cell in ``column`` (Excel's last is XFD)."""
    body = (f'<row r="{r}"><c r="{column}{r}" t="inlineStr"><is><t>x</t></is></c></row>'
            for r in range(2, rows + 2))
    header = rows_xml(csv_rows(PROJECTS[:1]))
    return write_workbook(path, {"elements": rows_xml(csv_rows(ELEMENTS)),
                                 "projects": _chain(header, body)},
                          dimensions={"projects": f"A1:{column}{rows + 1}"} if declare else None)


def _repeat(piece: str, count: int, per_chunk: int = 1000) -> Iterator[str]:
    """``piece`` ``count`` times, in chunks (millions of strings are written in seconds)."""
    for start in range(0, count, per_chunk):
        yield piece * min(per_chunk, count - start)


def _chain(*parts: Iterable[str]) -> Iterator[str]:
    for part in parts:
        yield from part


def one_line_csv(folder: Path, size: int) -> Path:
    """A bundle whose projects.csv is a single line of ``size`` bytes of empty cells (``a,a,a,…``)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "elements.csv").write_text("\n".join(ELEMENTS) + "\n", encoding="utf-8")
    with open(folder / "projects.csv", "wb") as fh:
        block = b"a," * (1 << 19)
        for _ in range(size // len(block)):
            fh.write(block)
        fh.write(b"a," * ((size % len(block)) // 2))
    return folder
