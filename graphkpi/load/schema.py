"""The bundle's files and their required columns, from the data contract."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FileSpec:
    """One bundle file: which columns it must have and which column holds its unique id.

    ``thai``: the Thai header names read as each column (a planner's own spreadsheet says
    ``ปีงบประมาณ``, not ``fiscal_year``); docs/bundle-format.md lists them from here.
    """

    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    id_column: str | None = "id"
    mandatory: bool = False
    thai: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)

    @property
    def sheet(self) -> str:
        return self.name.removesuffix(".csv")

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional


# Thai header names, shared by the files whose column means the same thing
_ID, _NAME, _NAME_EN = ("รหัส",), ("ชื่อ",), ("ชื่อภาษาอังกฤษ", "ชื่อ (อังกฤษ)")
_YEAR = ("ปีงบประมาณ", "ปีงบ")

FILES: dict[str, FileSpec] = {
    spec.sheet: spec
    for spec in (
        FileSpec("elements.csv", ("id", "level", "name"),
                 ("name_en", "parents", "area", "valid_from", "valid_to", "replaced_by"), mandatory=True,
                 thai={"id": (*_ID, "รหัสองค์ประกอบ"), "level": ("ระดับ", "ระดับแผน"),
                       "name": (*_NAME, "ชื่อองค์ประกอบ", "ชื่อเป้าหมาย"), "name_en": _NAME_EN,
                       "parents": ("แผนระดับบน", "ถ่ายระดับไปยัง"), "area": ("พื้นที่",),
                       "valid_from": ("ปีเริ่มใช้บังคับ", "ใช้ตั้งแต่ปี"), "valid_to": ("ปีสิ้นสุด", "ใช้ถึงปี"),
                       "replaced_by": ("แทนที่ด้วย",)}),
        FileSpec("projects.csv", ("id", "name", "agency", "fiscal_year"),
                 ("budget", "provinces", "objective", "status", "links"), mandatory=True,
                 thai={"id": (*_ID, "รหัสโครงการ"), "name": (*_NAME, "ชื่อโครงการ"),
                       "agency": ("หน่วยงาน", "รหัสหน่วยงาน", "หน่วยงานเจ้าของโครงการ"), "fiscal_year": _YEAR,
                       "budget": ("งบประมาณ", "วงเงิน", "งบประมาณ (บาท)"),
                       "provinces": ("จังหวัด", "พื้นที่ดำเนินการ", "จังหวัดที่ดำเนินการ", "จังหวัดเป้าหมาย",
                                     "พื้นที่เป้าหมาย"),
                       "objective": ("วัตถุประสงค์",), "status": ("สถานะ",),
                       "links": ("ความเชื่อมโยง", "เชื่อมโยงกับ", "องค์ประกอบที่เชื่อมโยง", "ความเชื่อมโยงกับแผน",
                                 "เชื่อมโยงกับแผน")}),
        FileSpec("agencies.csv", ("id", "name"), ("name_en", "abbr", "ministry", "kind"),
                 thai={"id": (*_ID, "รหัสหน่วยงาน"), "name": (*_NAME, "ชื่อหน่วยงาน"), "name_en": _NAME_EN,
                       "abbr": ("ชื่อย่อ", "อักษรย่อ"), "ministry": ("กระทรวง", "สังกัดกระทรวง"),
                       "kind": ("ประเภท", "ประเภทหน่วยงาน")}),
        FileSpec("project_links.csv", ("project", "element"), id_column=None,
                 thai={"project": ("โครงการ", "รหัสโครงการ"), "element": ("องค์ประกอบแผน", "รหัสองค์ประกอบ")}),
        FileSpec("leads.csv", ("element", "agency"), ("role",), id_column=None,
                 thai={"element": ("องค์ประกอบแผน", "รหัสองค์ประกอบ", "เป้าหมาย"),
                       "agency": ("หน่วยงาน", "รหัสหน่วยงาน"), "role": ("บทบาท",)}),
        FileSpec("kpis.csv", ("id", "name", "element"),
                 ("unit", "baseline", "target", "plan_target", "direction", "year", "class", "shortfall_reason"),
                 thai={"id": (*_ID, "รหัสตัวชี้วัด"), "name": (*_NAME, "ชื่อตัวชี้วัด"),
                       "element": ("องค์ประกอบแผน", "เป้าหมาย"), "unit": ("หน่วยนับ",), "baseline": ("ค่าฐาน",),
                       "target": ("ค่าเป้าหมาย",), "plan_target": ("ค่าเป้าหมายของแผน", "ค่าเป้าหมายตามแผน"),
                       "direction": ("ทิศทาง",), "year": ("ปี",), "class": ("ประเภทตัวชี้วัด",),
                       "shortfall_reason": ("เหตุผลที่ต่ำกว่าแผน",)}),
        FileSpec("kpi_agencies.csv", ("kpi", "agency"), ("role", "measured"), id_column=None,
                 thai={"kpi": ("ตัวชี้วัด", "รหัสตัวชี้วัด"), "agency": ("หน่วยงาน", "รหัสหน่วยงาน"),
                       "role": ("บทบาท",), "measured": ("รับไปวัด", "วัดผล")}),
        FileSpec("areas.csv", ("id", "level", "name"), ("name_en", "parent"),
                 thai={"id": (*_ID, "รหัสพื้นที่"), "level": ("ระดับ",), "name": (*_NAME, "ชื่อพื้นที่"),
                       "name_en": _NAME_EN, "parent": ("พื้นที่ระดับบน", "อยู่ใน")}),
        # one row per line of the budget system (e-Budgeting, GFMIS); keyed by (code, fiscal_year)
        FileSpec("budget_lines.csv", ("code", "project", "fiscal_year", "amount"), ("disbursed",), id_column=None,
                 thai={"code": ("รหัสรายการ",), "project": ("โครงการ", "รหัสโครงการ"), "fiscal_year": _YEAR,
                       "amount": ("จำนวนเงิน",), "disbursed": ("เบิกจ่าย", "ผลการเบิกจ่าย")}),
    )
}

AREA_LEVELS = ("province", "cluster", "region")
NATIONAL = "national"


def thai_header(sheet: str, column: str) -> str | None:
    """The first Thai header read as ``column`` of file ``sheet`` (``projects``, ``links`` →
    ความเชื่อมโยง): how a Thai message names a contract column. None when it has none."""
    spec = FILES.get(sheet)
    names = spec.thai.get(column, ()) if spec is not None else ()
    return names[0] if names else None
