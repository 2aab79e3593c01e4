"""Thai-first labels for everything the CLI prints; English with ``--lang en``.

Thai text is data: it lives in this catalogue (and in ``catalog.toml``), never in logic.
"""

from __future__ import annotations

LANGS = ("th", "en")

LABELS: dict[str, tuple[str, str]] = {
    "code": ("รหัส", "code"),
    "severity": ("ความรุนแรง", "severity"),
    "subject": ("รายการ", "subject"),
    "message": ("รายละเอียด", "message"),
    "findings": ("ข้อค้นพบ", "findings"),
    "total": ("รวม", "total"),
    "no_findings": ("ไม่พบปัญหา", "no findings"),
    "project": ("โครงการ", "project"),
    "name": ("ชื่อ", "name"),
    "agency": ("หน่วยงาน", "agency"),
    "ministry": ("กระทรวง", "ministry"),
    "fiscal_year": ("ปีงบประมาณ", "fiscal year"),
    "budget": ("งบประมาณ (บาท)", "budget (baht)"),
    "provinces": ("จังหวัด", "provinces"),
    "problem": ("ปัญหา", "problem"),
    "break_at": ("ห่วงโซ่หยุดที่", "chain stops at"),
    "orphan": ("ไม่เชื่อมโยงแผน", "orphan"),
    "broken": ("ห่วงโซ่ขาด", "broken chain"),
    "budget_at_risk": ("งบประมาณที่ไม่ถึงยุทธศาสตร์ชาติ รายกระทรวง", "budget at risk by ministry"),
    "projects": ("จำนวนโครงการ", "projects"),
    "element": ("องค์ประกอบแผน", "element"),
    "level": ("ระดับ", "level"),
    "stranded_projects": ("โครงการที่ค้าง", "projects stranded"),
    "stranded_budget": ("งบประมาณที่ค้าง (บาท)", "budget stranded (baht)"),
    "breaks": ("จุดที่ห่วงโซ่หยุด", "where chains stop"),
    "other_chain_findings": ("ข้อค้นพบอื่นของห่วงโซ่", "other chain findings"),
    "counts_per_level": ("จำนวนรายระดับ", "counts per level"),
    "count": ("จำนวน", "count"),
    "reach_z": ("ถึงยุทธศาสตร์ชาติ (Z)", "reach the national strategy (Z)"),
    "share": ("สัดส่วน", "share"),
    "coverage": ("ความครอบคลุม", "coverage"),
    "sub_targets_with_projects": ("เป้าหมายแผนแม่บทย่อยที่มีโครงการ", "sub-targets with projects"),
    "factors_with_projects": ("ปัจจัยห่วงโซ่คุณค่าที่มีโครงการ", "value-chain factors with projects"),
    "projects_reaching_z": ("โครงการที่ถึง Z", "projects reaching Z"),
    "budget_reaching_z": ("งบประมาณที่ถึง Z", "budget reaching Z"),
    "what": ("คืออะไร", "What it finds"),
    "why": ("ทำไมจึงสำคัญ", "Why it matters"),
    "fix": ("วิธีแก้", "How to fix"),
    "name_label": ("ชื่อ", "name"),
    "family": ("กลุ่ม", "family"),
    "title": ("หัวข้อ", "title"),
    "loaded": ("โหลดแล้ว", "loaded"),
    "elements": ("องค์ประกอบแผน", "elements"),
    "agencies": ("หน่วยงาน", "agencies"),
    "valid": ("ชุดข้อมูลถูกต้องตามรูปแบบ", "the bundle is well-formed"),
    "error": ("ข้อผิดพลาด", "error"),
    "bad_input": ("ข้อมูลนำเข้าไม่ถูกต้อง", "bad input"),
    "more_problems": ("และอีก {n} ปัญหา", "and {n} more problems"),
    "unknown": ("(ไม่มีในข้อมูล)", "(not in the bundle)"),
    "reaches_z_mark": ("ถึงยุทธศาสตร์ชาติ", "reaches the national strategy"),
    "stops_here": ("ห่วงโซ่หยุดที่นี่: ไม่มีแผนระดับบน", "chain stops here: no parent"),
    "missing_ref": ("ไม่มีรหัสนี้ในข้อมูล", "no such id in the bundle"),
    "loop": ("วนกลับ (cycle)", "loops back (cycle)"),
    "not_allowed": ("ระดับนี้ไม่อนุญาต", "level not allowed"),
    "seen_above": ("(ดูด้านบน)", "(shown above)"),
    "trace_continues": ("⤷ ห่วงโซ่ต่อจาก {id} (ลึก {depth:,} ชั้น) เริ่มย่อหน้าใหม่",
                        "⤷ the chain goes on from {id} ({depth:,} levels deep), indented afresh"),
    "no_links": ("ไม่มีลิงก์ไปยังแผนใด", "links to no plan element"),
    "ministry_totals": ("รวมรายกระทรวง", "totals by ministry"),
    "total_budget": ("งบประมาณรวม", "total budget"),
    "all": ("ทั้งหมด", "all"),
    "baht": ("บาท", "baht"),
    "loaded_into": ("โหลด {bundle} เข้า {where} แล้ว: {nodes} โหนด {rels} ความสัมพันธ์ ใน {seconds} วินาที",
               "loaded {bundle} into {where}: {nodes} nodes, {rels} relationships in {seconds} s"),
    "load_unchanged": ("{where} มีกราฟของ {bundle} ชุดนี้อยู่แล้ว ไม่มีการเปลี่ยนแปลง",
                       "{where} already holds this very bundle ({bundle}): nothing changed"),
    "replaced": ("ลบกราฟ graphkpi เดิม {n} โหนดก่อนโหลด", "replaced graphkpi's previous graph ({n} nodes)"),
    "lock_taken_over": ("รับช่วงล็อกการโหลดที่ถูกทิ้งไว้ (pid {pid} บน {host}) การโหลดนั้นไม่เสร็จ",
                        "took over an abandoned load lock (pid {pid} on {host}); that load did not finish"),
    "query_incomplete": ("คำเตือน: ผลนี้มาจากกราฟที่ไม่สมบูรณ์ (--allow-incomplete): {reason}",
                         "warning: this answer comes from an incomplete graph (--allow-incomplete): {reason}"),
    "kind": ("ชนิด", "kind"),
    "role": ("บทบาท", "role"),
    "role_candidate": ("ควรเป็นเจ้าภาพ (งบประมาณมากที่สุด)", "likely lead (largest budget)"),
    "role_co-lead": ("เจ้าภาพร่วม", "one of several leads"),
    "role_lead": ("เจ้าภาพ", "lead"),
    "related": ("ที่เกี่ยวข้อง", "related"),
    "lead": ("เจ้าภาพ", "lead"),
    "yes": ("ใช่", "yes"),
    "kpi": ("ตัวชี้วัด", "KPI"),
    "joint": ("ร่วม", "joint"),
    "host": ("เจ้าภาพ", "host"),
    "partners": ("หน่วยร่วม", "partners"),
    "target": ("ค่าเป้าหมาย", "target"),
    "plan_target": ("ค่าเป้าหมายของแผน", "plan target"),
    "direction": ("ทิศทาง", "direction"),
    "direction_up": ("ยิ่งสูงยิ่งดี", "up"),
    "direction_down": ("ยิ่งต่ำยิ่งดี", "down"),
    "gap": ("ส่วนต่าง", "gap"),
    "kpi_legend": ("! = หน่วยงานไม่ได้นำตัวชี้วัดไปวัด (measured ไม่ใช่ yes)",
                   "! = the agency does not measure the KPI (measured is not yes)"),
    "matrix_legend": ("แต่ละช่อง: จำนวนโครงการ (งบประมาณ ล้านบาท); * = กระทรวงเจ้าภาพ",
                      "each cell: projects (budget, million baht); * = lead ministry"),
    "details": ("รายละเอียดเพิ่มเติม (JSON)", "details (JSON)"),
    "family_structure": ("ความถูกต้องของข้อมูล (GK0xx)", "integrity (GK0xx)"),
    "family_coverage": ("ความครอบคลุม (GK1xx)", "coverage (GK1xx)"),
    "family_chains": ("ห่วงโซ่ (GK2xx)", "chains (GK2xx)"),
    "family_duplicates": ("งานซ้ำซ้อน (GK3xx)", "duplication (GK3xx)"),
    "gao_duplication": ("ซ้ำซ้อน: งาน ผู้รับประโยชน์ และพื้นที่เดียวกัน", "duplication: same activity, beneficiaries and place"),
    "gao_overlap": ("ทับซ้อน: เป้าหมายหรือผู้รับประโยชน์คล้ายกัน", "overlap: similar goals or beneficiaries"),
    "place_national": ("ทั่วประเทศ", "national"),
    "group_subject": ("โครงการแรกของกลุ่ม", "first project"),
    "gao_short_duplication": ("ซ้ำซ้อน", "duplication"),
    "gao_short_overlap": ("ทับซ้อน", "overlap"),
    "gao": ("ประเภท (GAO)", "GAO label"),
    "group": ("กลุ่ม", "group"),
    "group_budget": ("งบประมาณรวมของกลุ่ม (บาท)", "group budget (baht)"),
    "ministry_ids": ("กระทรวง", "ministries"),
    "sub_targets": ("เป้าหมายร่วม", "shared sub-targets"),
    "places": ("พื้นที่", "places"),
    "max_similarity": ("ความคล้าย", "similarity"),
    "similarity": ("ความคล้าย", "similarity"),
    "shared_words": ("คำที่ใช้ร่วมกัน", "shared words"),
    "duplicates_summary": ("กลุ่มโครงการที่ซ้ำซ้อนหรือทับซ้อน {groups} กลุ่ม (ซ้ำซ้อน {duplication}, ทับซ้อน {overlap}) "
                           "{projects} โครงการ งบประมาณรวม {budget} บาท (ความคล้ายขั้นต่ำ {threshold})",
                           "groups: {groups} ({duplication} duplication, {overlap} overlap); projects: {projects}; "
                           "combined budget {budget} baht (minimum similarity {threshold})"),
    "duplicates_project": ("{project} · กระทรวง {ministry} · หน่วยงาน {agency} · {budget} บาท · {places} · {name}",
                           "{project} · ministry {ministry} · agency {agency} · {budget} baht · {places} · {name}"),
    "duplicates_why": ("เหตุที่จับคู่: ไปถึงเป้าหมาย {targets} ปีงบประมาณ {year} พื้นที่ทับกัน ({places}) "
                       "โครงการของ {n} กระทรวง ({ministries}) และชื่อโครงการคล้ายกันไม่ต่ำกว่า {threshold}",
                       "why: they reach {targets} in fiscal year {year}, their places overlap ({places}), "
                       "{n} ministries ({ministries}), titles at least {threshold} alike"),
    "family_leads": ("หน่วยงานเจ้าภาพ (GK4xx)", "lead agencies (GK4xx)"),
    "family_kpis": ("ตัวชี้วัด (GK405, GK5xx)", "KPIs (GK405, GK5xx)"),
    "report_orphans_title": ("รายงานโครงการที่ไม่เชื่อมโยงถึงยุทธศาสตร์ชาติ", "Projects that do not reach the "
                             "national strategy"),
    "report_full_title": ("รายงานผลการตรวจความเชื่อมโยงแผน (ทุกหมวด)", "Plan linkage findings (all families)"),
    "report_subtitle": ("ชุดข้อมูล {bundle} · โครงสร้างแผน {profile}", "bundle {bundle} · profile {profile}"),
    "report_summary_heading": ("บทสรุปผู้บริหาร", "Executive summary"),
    "report_what": ("คืออะไร", "What it finds"),
    "report_why": ("ทำไมจึงสำคัญ", "Why it matters"),
    "report_fix": ("วิธีแก้", "How to fix"),
    "report_fix_broken": ("วิธีแก้ห่วงโซ่ที่ขาด (GK201)", "How to fix a broken chain (GK201)"),
    "report_none": ("ไม่พบ", "none found"),
    "report_generated": ("จัดทำเมื่อ", "generated"),
    "report_by_ministry": ("งบประมาณที่ไม่ถึงยุทธศาสตร์ชาติ รายกระทรวง", "Budget not reaching the national "
                           "strategy, by ministry"),
    "report_by_year": ("รายปีงบประมาณ", "By fiscal year"),
    "report_worst_agencies": ("หน่วยงานที่มีงบประมาณไม่ถึงยุทธศาสตร์ชาติมากที่สุด (20 อันดับ)", "Agencies with the "
                              "most budget not reaching the strategy (top 20)"),
    "report_projects": ("รายการโครงการ (GK101 ไม่เชื่อมโยงแผน, GK201 ห่วงโซ่ขาด)", "Projects (GK101 orphan, "
                        "GK201 broken chain)"),
    "report_projects_total": ("จำนวนโครงการทั้งหมด", "projects in the bundle"),
    "report_projects_at_risk": ("โครงการที่ไม่ถึงยุทธศาสตร์ชาติ", "projects not reaching the national strategy"),
    "report_budget_at_risk": ("งบประมาณที่ไม่ถึงยุทธศาสตร์ชาติ", "budget not reaching the national strategy"),
    "report_ministries_affected": ("จำนวนกระทรวงที่เกี่ยวข้อง", "ministries concerned"),
    "report_findings_total": ("ข้อค้นพบทั้งหมด", "findings"),
    "report_errors": ("ร้ายแรง", "errors"),
    "report_warnings": ("เตือน", "warnings"),
    "report_by_family": ("ข้อค้นพบรายหมวด", "Findings by family"),
    "report_summary": ("สรุปรายรหัส", "Summary by code"),
    "view_search": ("ค้นหารหัสหรือชื่อ แล้วกด Enter", "search id or name, then Enter"),
    "view_all_ministries": ("ทุกกระทรวง", "all ministries"),
    "view_all_levels": ("ทุกระดับ", "all levels"),
    "view_reset": ("ล้างตัวกรอง", "reset"),
    "view_matches": ("รายการที่ตรง", "matches"),
    "view_no_match": ("ไม่พบ", "no match"),
    "view_legend": ("คำอธิบายสัญลักษณ์", "legend"),
    "view_severity_error": ("ขอบแดง: มีข้อค้นพบร้ายแรง", "red border: an error finding"),
    "view_severity_warning": ("ขอบส้ม: มีข้อค้นพบระดับเตือน", "orange border: a warning finding"),
    "view_coverage_legend": ("สี: สัดส่วนที่มีโครงการ (เป้าหมายย่อย/ปัจจัย)", "colour: share covered by projects "
                             "(sub-targets / factors)"),
    "view_size_projects": ("ขนาดตามจำนวนโครงการ", "size: number of projects"),
    "view_size_budget": ("ขนาดตามงบประมาณ", "size: budget"),
    "view_what": ("คืออะไร", "What it finds"),
    "view_why": ("ทำไมจึงสำคัญ", "Why it matters"),
    "view_fix": ("วิธีแก้", "How to fix"),
    "view_no_targets": ("ไม่มีเป้าหมายแผนแม่บทย่อยอยู่ใต้", "no sub-target below it"),
    "view_nodes": ("โหนด", "nodes"),
    "view_help": ("คลิกโหนดเพื่อเน้นห่วงโซ่ของมัน", "click a node to highlight its chains"),
    "view_project_node": ("โครงการ", "project"),
    "view_group_node": ("กลุ่มโครงการ (รวมตามกระทรวง)", "projects grouped by ministry"),
    "view_projects": ("โครงการ", "projects"),
    "view_aggregated": ("มี {projects} โครงการ เกินเพดาน {cap} โหนด จึงรวมเป็นกลุ่มตามองค์ประกอบแผน (และกระทรวง "
                        "เมื่อพอ) แสดง {groups} จาก {total} กลุ่ม เรียงตามงบประมาณ",
                        "{projects} projects exceed the {cap}-node cap, so they are grouped per plan element (and "
                        "ministry, where room allows): showing {groups} of {total} groups, largest budget first"),
    "view_overview_title": ("ภาพรวม: ยุทธศาสตร์ชาติ → แผนแม่บท → เป้าหมายแผนแม่บทย่อย",
                            "Overview: national strategies → master plans → sub-targets"),
    "view_overview_note_projects": ("ขนาดโหนดตามจำนวนโครงการที่ห่วงโซ่ไปถึง สีแสดงสัดส่วนที่มีโครงการรองรับ: เป้าหมายย่อยคือ"
                                    "ปัจจัยห่วงโซ่คุณค่าที่มีโครงการ แผนแม่บทและยุทธศาสตร์คือเป้าหมายย่อยที่มีโครงการ",
                                    "Node size follows the number of projects whose chains reach it; colour is the "
                                    "share covered by projects: for a sub-target its value-chain factors, for a master "
                                    "plan or strategy its sub-targets."),
    "view_overview_note_budget": ("ขนาดโหนดตามงบประมาณของโครงการที่ห่วงโซ่ไปถึง สีแสดงสัดส่วนที่มีโครงการรองรับ: เป้าหมายย่อยคือ"
                                  "ปัจจัยห่วงโซ่คุณค่าที่มีโครงการ แผนแม่บทและยุทธศาสตร์คือเป้าหมายย่อยที่มีโครงการ",
                                  "Node size follows the budget of the projects whose chains reach it; colour is the "
                                  "share covered by projects: for a sub-target its value-chain factors, for a master "
                                  "plan or strategy its sub-targets."),
    "view_focus_title": ("ห่วงโซ่ของ {id}", "Chains of {id}"),
    "view_ministry_title": ("โครงการของ {id} {name} และเป้าหมายที่ไปถึง", "Projects of {id} {name} and the targets "
                            "they reach"),
    "view_province_title": ("โครงการในพื้นที่ {id} {name} และเป้าหมายที่ไปถึง", "Projects in {id} {name} and the "
                            "targets they reach"),
    "view_orphans_note": ("อีก {n} โครงการไม่เชื่อมโยงแผนใด (GK101) จึงไม่มีห่วงโซ่ให้แสดง",
                          "{n} more projects link to no plan element (GK101) and have no chain to draw"),
    "view_finding_note": ("{n} ข้อค้นพบ {code}: โหนดที่มีขอบสีคือรายการที่พบปัญหา", "{n} {code} findings: the "
                          "nodes with coloured borders are their subjects"),
    "id": ("รหัส", "id"),
    "level_name": ("ชื่อระดับ", "level name"),
    "not_in_profile": ("ไม่อยู่ในโครงสร้าง (GK002)", "not in the profile (GK002)"),
    "files": ("ไฟล์", "files"),
    "cut_more": ("… (ตัดออก {n} ตัวอักษร)", "… ({n} more characters)"),
    # -o: what is refused before any work, and a write that fails (graphkpi/outputs.py)
    "output_is_input": ("ไม่เขียนทับข้อมูลนำเข้า: {path} คือไฟล์ของ {source} ที่กำลังอ่าน (เลือกไฟล์ผลลัพธ์อื่น)",
                        "not overwriting the input: {path} is a file of {source}, which is being read "
                        "(choose another output file)"),
    "output_read_only": ("{path}: ไฟล์นี้อ่านได้อย่างเดียว จึงไม่เขียนทับ (เปลี่ยนสิทธิ์ของไฟล์ หรือเลือกไฟล์อื่น)",
                         "{path}: the file is read-only, so it is not replaced (change its mode or choose "
                         "another file)"),
    "output_not_folder": ("{path}: เขียนไม่ได้ เพราะ {folder} เป็นไฟล์ ไม่ใช่โฟลเดอร์",
                          "{path}: cannot be written: {folder} is a file, not a folder"),
    "output_folder_unwritable": ("{path}: ไม่มีสิทธิ์เขียนในโฟลเดอร์ {folder}",
                                 "{path}: no permission to write in the folder {folder}"),
    "output_failed": ("{path}: เขียนไม่สำเร็จ ({reason})", "{path}: could not be written ({reason})"),
    "from_reference": ("จากข้อมูลอ้างอิง", "from reference data"),
    "kind_row": ("แถวข้อมูล", "row"),
    "kind_element": ("องค์ประกอบแผน", "plan element"),
    "kind_project": ("โครงการ", "project"),
    "kind_element or project": ("องค์ประกอบแผนหรือโครงการ", "plan element or project"),
    "projects_total": ("รวม {n} โครงการ งบประมาณ {budget} บาท", "total: {n} projects, {budget} baht"),
    "agency_name": ("ชื่อหน่วยงาน", "agency name"),
    "ministry_name": ("ชื่อกระทรวง", "ministry name"),
    "orphans": ("ไม่เชื่อมโยงแผน", "orphans"),
    "level_label": ("ระดับ", "level"),
    "ministries": ("จำนวนกระทรวง", "ministries"),
}

SEVERITY = {"error": ("ร้ายแรง", "error"), "warning": ("เตือน", "warning"), "info": ("ข้อสังเกต", "info")}


def t(key: str, lang: str = "th", **fmt: object) -> str:
    """The label ``key`` in ``lang``; unknown keys show as themselves."""
    pair = LABELS.get(key)
    text = key if pair is None else pair[0 if lang == "th" else 1]
    return text.format(**fmt) if fmt else text


def severity(value: str, lang: str = "th") -> str:
    pair = SEVERITY.get(value, (value, value))
    return pair[0 if lang == "th" else 1]


def place_label(area: str, lang: str = "th") -> str:
    """A project's place for people: ``national`` in the user's language, codes as they are."""
    return t("place_national", lang) if area == "national" else area
