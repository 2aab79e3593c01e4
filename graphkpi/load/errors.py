"""Input problems, collected and reported together, in Thai or English.

Users fix a spreadsheet once, not twenty times: the loader gathers every problem it can
see before failing, each with file, row and column, and loads nothing on failure. A problem
is a message key with parameters, so the CLI can say it in the user's language.
"""

from __future__ import annotations

from dataclasses import dataclass

# key → (Thai, English) templates; parameters are filled with str.format.
MESSAGES: dict[str, tuple[str, str]] = {
    "column_twice": ("มีคอลัมน์นี้ซ้ำ (ชื่อหัวคอลัมน์ไม่แยกตัวพิมพ์เล็ก-ใหญ่)",
                     "column appears twice (headers are case-insensitive)"),
    "column_missing": ("ไม่มีคอลัมน์ที่จำเป็น", "required column is missing"),
    "file_missing": ("ไม่มีไฟล์ที่จำเป็น", "required file is missing"),
    "file_missing_workbook": ("ไม่มีไฟล์ที่จำเป็น (ถ้าข้อมูลอยู่ในไฟล์ Excel ให้ระบุไฟล์ {workbook} แทนโฟลเดอร์)",
                              "required file is missing (if the bundle is the workbook, give {workbook} instead "
                              "of the folder)"),
    "sheet_missing": ("ไม่มีชีตที่จำเป็น", "required sheet is missing"),
    "not_found": ("ไม่พบไฟล์หรือโฟลเดอร์นี้", "no such file or folder"),
    "unreadable": ("อ่านไฟล์ไม่ได้: {reason}", "cannot read file: {reason}"),
    "empty": ("ไฟล์ว่าง (ไม่มีแม้แถวหัวคอลัมน์)", "file is empty (not even a header row)"),
    "encoding": ("อ่านเป็น UTF-8 หรือภาษาไทยของ Windows (cp874) ไม่ได้: ไบต์ที่ {byte}",
                 "not readable as UTF-8 or Windows Thai (cp874): byte {byte}"),
    "ragged": ("มี {cells} ช่อง แต่หัวตารางมี {header} ช่อง (มีจุลภาคในช่องที่ไม่ได้ใส่เครื่องหมายคำพูด?)",
               "{cells} cells where the header has {header} (a comma inside an unquoted cell?)"),
    "bad_csv": ("ไม่ใช่ไฟล์ CSV ที่ถูกต้อง: {reason}", "not a valid CSV file: {reason}"),
    "bad_workbook": ("อ่านไฟล์ Excel ไม่ได้: {reason}", "cannot read workbook: {reason}"),
    "not_bundle": ("ไม่ใช่ชุดข้อมูล: ระบุโฟลเดอร์ของไฟล์ CSV หรือไฟล์ .xlsx หนึ่งไฟล์",
                   "not a bundle: give a folder of CSV files or one .xlsx workbook"),
    "required_value": ("ต้องมีค่า", "value is required"),
    "duplicate_id": ("รหัส {id} ซ้ำ (พบในแถว {rows})", "duplicate id {id} (on rows {rows})"),
    "bad_year": ("ไม่ใช่ปีงบประมาณ (เช่น 2567 หรือ 2024)", "not a year (expected e.g. 2567 or 2024)"),
    "bad_money": ("ไม่ใช่จำนวนเงินบาท (เช่น 1,250,000)", "not an amount of baht (expected e.g. 1,250,000)"),
    "negative_money": ("จำนวนเงินติดลบ ({value}) งบประมาณต้องไม่น้อยกว่า 0",
                       "negative amount ({value}): a budget cannot be below 0"),
    "huge_money": ("จำนวนเงิน {value} เกิน 10^15 บาท ซึ่งไม่มีแผนงานใดใกล้เคียง (งบประมาณทั้งปีของประเทศราว 3.5 × 10^12)",
                   "amount {value} is over 10^15 baht, which no plan comes near (the whole national annual "
                   "budget is about 3.5 × 10^12)"),
    "nonfinite_money": ("ไม่ใช่จำนวนเงินที่มีค่าจำกัด ({value}) ให้ใส่จำนวนบาท เช่น 1,250,000 หรือเว้นว่าง",
                        "not a finite amount ({value}): give baht, e.g. 1,250,000, or leave it empty"),
    "nonfinite_number": ("ไม่ใช่ตัวเลขที่มีค่าจำกัด ({value}) ให้ใส่ตัวเลขหรือเว้นว่าง",
                         "not a finite number ({value}): give a number or leave it empty"),
    "file_too_big": ("ไฟล์ขนาด {size} ไบต์ เกินขีดจำกัด {limit} ไบต์ (เพิ่มได้ด้วยตัวแปร {variable})",
                     "file is {size} bytes, over the limit of {limit} (raise it with {variable})"),
    "xlsx_too_big": ("ข้อมูลในไฟล์ Excel เมื่อคลายการบีบอัดมีขนาด {size} ไบต์ เกินขีดจำกัด {limit} ไบต์ "
                     "(เพิ่มได้ด้วยตัวแปร {variable})",
                     "the workbook uncompresses to {size} bytes, over the limit of {limit} (raise it with "
                     "{variable})"),
    "too_many_rows": ("มี {rows} แถว เกินขีดจำกัด {limit} แถว (เพิ่มได้ด้วยตัวแปร {variable})",
                      "{rows} rows, over the limit of {limit} (raise it with {variable})"),
    "too_many_columns": ("มี {columns} คอลัมน์ เกินขีดจำกัด {limit} คอลัมน์ (เพิ่มได้ด้วยตัวแปร {variable})",
                         "{columns} columns, over the limit of {limit} (raise it with {variable})"),
    "too_many_cells": ("มี {cells} ช่อง เกินขีดจำกัด {limit} ช่อง (เพิ่มได้ด้วยตัวแปร {variable})",
                       "{cells} cells, over the limit of {limit} (raise it with {variable})"),
    "too_many_strings": ("มีข้อความที่ไม่ซ้ำกัน (shared strings) {count} รายการ เกินขีดจำกัด {limit} "
                         "(เพิ่มได้ด้วยตัวแปร {variable})",
                         "{count} shared strings, over the limit of {limit} (raise it with {variable})"),
    "line_too_long": ("บรรทัดยาวเกิน {limit} ไบต์ (ไฟล์เสียหรือไม่ใช่ CSV? เพิ่มได้ด้วยตัวแปร {variable})",
                      "line longer than {limit} bytes (a damaged file, or not a CSV? raise it with {variable})"),
    "cell_too_long": ("ข้อความยาว {chars} ตัวอักษร เกินขีดจำกัด {limit} ตัวอักษร (เพิ่มได้ด้วยตัวแปร {variable})",
                      "{chars} characters, over the limit of {limit} (raise it with {variable})"),
    "bad_limit": ("ค่าของตัวแปรนี้ต้องเป็นจำนวนเต็มบวก (เช่น 1000000 หรือ 512M)",
                  "this variable must be a positive whole number (e.g. 1000000 or 512M)"),
}

_WHERE = {"th": ("แถว {row}", "คอลัมน์ '{column}'"), "en": ("row {row}", "column '{column}'")}


@dataclass(frozen=True, order=True)
class Problem:
    """One bad-input problem. ``row`` is the spreadsheet row (the header is row 1)."""

    file: str
    row: int | None
    column: str | None
    key: str
    params: tuple[tuple[str, str], ...] = ()

    def text(self, lang: str = "en") -> str:
        th, en = MESSAGES[self.key]
        return (th if lang == "th" else en).format(**dict(self.params))

    @property
    def message(self) -> str:
        """The English message (logs, exceptions, tests)."""
        return self.text("en")

    def render(self, lang: str = "en") -> str:
        row, col = _WHERE["th" if lang == "th" else "en"]
        where = self.file
        if self.row is not None:
            where += ", " + row.format(row=self.row)
        if self.column is not None:
            where += ", " + col.format(column=self.column)
        return f"{where}: {self.text(lang)}"

    def __str__(self) -> str:
        return self.render("en")


def problem(file: str, row: int | None, column: str | None, key: str, **params: object) -> Problem:
    """A problem with its message parameters (kept as strings so problems stay hashable)."""
    return Problem(file, row, column, key, tuple((k, str(v)) for k, v in params.items()))


class BundleError(Exception):
    """The bundle cannot be loaded; ``problems`` lists every reason at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.row or 0, p.column or "", p.key))
        super().__init__("\n".join(str(p) for p in self.problems))
