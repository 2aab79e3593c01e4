"""``graphkpi suggest``'s table: each project's heading says its problem (orphan, broken chain, or
none for a project that reaches Z), and the evidence reads in Thai first, English with --lang en."""

from __future__ import annotations

from click.testing import CliRunner

from graphkpi.cli import main

# T1 reaches Z; LOOSE has no parent (a chain through it stops). P1 has no link (orphan), P2 links
# LOOSE (broken chain), P3 links T1 (reaches Z: asked with --project, it has no problem to name).
PLAN = {
    "elements.csv": "id,level,name,parents\n"
                    "Z1,strategy,ยุทธศาสตร์ชาติด้านการแข่งขัน,\n"
                    "MP1,master_plan,แผนแม่บทประเด็นการท่องเที่ยว,Z1\n"
                    "SP1,sub_plan,การท่องเที่ยวเชิงสุขภาพ,MP1\n"
                    "T1,sub_target,รายได้จากการท่องเที่ยวเชิงสุขภาพเพิ่มขึ้น,SP1\n"
                    "LOOSE,sub_target,แรงงานมีทักษะสูงขึ้น,\n",
    "agencies.csv": "id,name,ministry,kind\nM1,กระทรวงหนึ่ง,,ministry\nA1,กรมหนึ่ง,M1,department\n",
    "projects.csv": "id,name,agency,fiscal_year,provinces,objective,links\n"
                    "P1,โครงการเพิ่มรายได้จากการท่องเที่ยวเชิงสุขภาพ,A1,2567,national,,\n"
                    "P2,โครงการส่งเสริมการท่องเที่ยวเชิงสุขภาพชุมชน,A1,2567,national,,LOOSE\n"
                    "P3,โครงการพัฒนาการท่องเที่ยวเชิงสุขภาพ,A1,2567,national,,T1\n",
}


def headings(out: str) -> dict[str, str]:
    return {line.split()[0]: line for line in out.splitlines() if line.startswith("P")}


def test_headings_name_each_projects_problem_and_why_reads_in_both_languages(bundle) -> None:
    path = str(bundle(PLAN))
    asked = ["--project", "P1", "--project", "P2", "--project", "P3"]
    th = CliRunner().invoke(main, ["suggest", path, *asked])
    en = CliRunner().invoke(main, ["suggest", path, *asked, "--lang", "en"])
    assert th.exit_code == en.exit_code == 0
    heads = headings(en.stdout)
    assert heads["P1"].endswith("(orphan, fiscal year 2567)")
    assert heads["P2"].endswith("(broken chain, fiscal year 2567)")
    assert heads["P3"].endswith("(fiscal year 2567)") and "orphan" not in heads["P3"]   # reaches Z: no problem
    assert headings(th.stdout)["P1"].endswith("(ไม่เชื่อมโยงแผน, ปีงบประมาณ 2567)")
    assert "words shared with its name" in en.stdout and "คำที่ตรงกับชื่อองค์ประกอบ" in th.stdout
    assert "T1" in en.stdout.split("P2 ", 1)[1]   # the broken-chain project is offered the element that reaches Z
