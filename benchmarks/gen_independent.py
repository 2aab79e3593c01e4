#!/usr/bin/env python3
"""Independent bundle generator for graphkpi scale trials (written from docs/bundle-format.md only,
by a tester who did not read graphkpi's code; kept as written but for line lengths).

Its projects reach many sub-targets in many provinces each, the shape that took GK301 to 18 GB at
4·10⁵ projects (benchmarks/RESULTS.md, "GK301 on an independent bundle shape").

usage: gen_independent.py N OUTDIR [SEED]              (SEED: default 1)
       gen_independent.py --mutate SRC DST               (copy with ~1% of projects changed)

Shape (deliberately untidy): 0-12 links per project (unknown ids, Excel-dropped zeros, spaces,
duplicates in the ;-list), extra links in project_links.csv, deep chains (provincial targets 8
levels below a strategy; action_target -> action_target chains up to 10 levels, GK203), cycles,
unanchored elements, 3,000+ agencies in 20 ministries, many provinces per project (ISO, Thai,
English, จ. prefix, national), long Thai names, budgets with commas / ฿ / Thai digits / '-',
BE years, v2 periods/editions, budget_lines.csv, leads, KPIs.
Writes planted.json with the expected counts of orphan projects (GK101: no link to an existing
element) and broken chains (GK201: links exist but none reaches a strategy).
"""
import csv
import json
import os
import random
import shutil
import sys
from collections import defaultdict

import numpy as np

MINISTRIES = [
    ("นร", "สำนักนายกรัฐมนตรี"), ("กห", "กระทรวงกลาโหม"), ("กค", "กระทรวงการคลัง"),
    ("กต", "กระทรวงการต่างประเทศ"), ("กก", "กระทรวงการท่องเที่ยวและกีฬา"),
    ("พม", "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์"), ("อว", "กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม"),
    ("กษ", "กระทรวงเกษตรและสหกรณ์"), ("คค", "กระทรวงคมนาคม"), ("ทส", "กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม"),
    ("ดศ", "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"), ("พน", "กระทรวงพลังงาน"), ("พณ", "กระทรวงพาณิชย์"),
    ("มท", "กระทรวงมหาดไทย"), ("ยธ", "กระทรวงยุติธรรม"), ("รง", "กระทรวงแรงงาน"), ("วธ", "กระทรวงวัฒนธรรม"),
    ("ศธ", "กระทรวงศึกษาธิการ"), ("สธ", "กระทรวงสาธารณสุข"), ("อก", "กระทรวงอุตสาหกรรม"),
]
PROV_CODES = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 30, 31, 32, 33, 34,
              35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57,
              58, 60, 61, 62, 63, 64, 65, 66, 67, 70, 71, 72, 73, 74, 75, 76, 77, 80, 81, 82, 83, 84, 85,
              86, 90, 91, 92, 93, 94, 95, 96]
assert len(PROV_CODES) == 77
PROV_TH = {50: "เชียงใหม่", 40: "ขอนแก่น", 20: "ชลบุรี", 90: "สงขลา", 83: "ภูเก็ต", 30: "นครราชสีมา",
           57: "เชียงราย", 34: "อุบลราชธานี", 65: "พิษณุโลก", 84: "สุราษฎร์ธานี", 10: "กรุงเทพมหานคร",
           41: "อุดรธานี", 80: "นครศรีธรรมราช", 21: "ระยอง", 73: "นครปฐม"}
PROV_EN = {50: "Chiang Mai", 40: "Khon Kaen", 20: "Chon Buri", 90: "Songkhla", 83: "Phuket",
           30: "Nakhon Ratchasima", 57: "Chiang Rai", 10: "Bangkok"}

W_VERB = ["ส่งเสริม", "พัฒนา", "ยกระดับ", "เพิ่มประสิทธิภาพ", "เสริมสร้าง", "ขับเคลื่อน", "บูรณาการ", "สนับสนุน",
          "ปรับปรุง", "ฟื้นฟู", "อนุรักษ์", "เพิ่มขีดความสามารถ", "สร้างความเข้มแข็ง", "ป้องกันและแก้ไข", "รณรงค์",
          "ก่อสร้าง", "ซ่อมแซม", "จัดหา", "ติดตามและประเมินผล", "เฝ้าระวัง"]
W_OBJ = ["ศักยภาพเกษตรกร", "ระบบน้ำเพื่อการเกษตร", "แหล่งท่องเที่ยวชุมชน", "คุณภาพชีวิตผู้สูงอายุ", "การศึกษาปฐมวัย",
         "ถนนลาดยาง", "สะพานคอนกรีตเสริมเหล็ก", "ระบบประปาหมู่บ้าน", "ผลิตภัณฑ์ OTOP", "วิสาหกิจชุมชน",
         "ป่าต้นน้ำ", "การบริหารจัดการขยะมูลฝอย", "การป้องกันยาเสพติด", "ความปลอดภัยทางถนน", "การแพทย์แผนไทย",
         "โรคไม่ติดต่อเรื้อรัง", "แรงงานนอกระบบ", "ทักษะดิจิทัล", "เศรษฐกิจฐานราก", "พลังงานทดแทน",
         "การค้าชายแดน", "อุตสาหกรรมเป้าหมาย", "ศิลปวัฒนธรรมท้องถิ่น", "กีฬาเพื่อสุขภาพ", "ความมั่นคงชายแดน",
         "กระบวนการยุติธรรมชุมชน", "คุณภาพอากาศและหมอกควัน", "อุทกภัยและภัยแล้ง", "ข้าวหอมมะลิอินทรีย์",
         "ประมงพื้นบ้าน", "ปศุสัตว์", "สมุนไพร", "ยางพารา", "ผลไม้คุณภาพ", "ครูและบุคลากรทางการศึกษา",
         "เด็กและเยาวชนกลุ่มเปราะบาง", "คนพิการ", "ที่อยู่อาศัยผู้มีรายได้น้อย", "ระบบขนส่งสาธารณะ", "โลจิสติกส์"]
W_MOD = ["แบบมีส่วนร่วม", "อย่างยั่งยืน", "ตามหลักปรัชญาของเศรษฐกิจพอเพียง", "เชิงรุก", "อย่างครบวงจร",
         "ด้วยนวัตกรรมและเทคโนโลยี", "สู่มาตรฐานสากล", "ในพื้นที่ชนบทห่างไกล", "แบบบูรณาการทุกภาคส่วน",
         "เพื่อรองรับสังคมสูงวัย", "ภายใต้โมเดลเศรษฐกิจ BCG", "ระยะที่ 2", "(ต่อเนื่อง)", "ประจำปี"]
W_PLACE = ["ตำบลหนองบัว", "อำเภอเมือง", "ตำบลบ้านใหม่", "หมู่ที่ 3", "บ้านโนนสะอาด", "ตำบลท่าช้าง", "อำเภอแม่ริม",
           "ลุ่มน้ำชี", "ลุ่มน้ำเจ้าพระยา", "ชายฝั่งทะเลอันดามัน", "เขตพัฒนาเศรษฐกิจพิเศษ", "ระเบียงเศรษฐกิจภาคตะวันออก"]
W_OBJV = ["เพื่อให้ประชาชนมีรายได้เพิ่มขึ้น", "เพื่อลดความเหลื่อมล้ำ", "เพื่อเพิ่มผลผลิตต่อไร่", "เพื่อให้ชุมชนพึ่งตนเองได้",
          "เพื่อยกระดับคุณภาพการให้บริการ", "เพื่อลดอัตราการเสียชีวิต", "เพื่อเพิ่มมูลค่าการส่งออก",
          "เพื่อรักษาความสมดุลของระบบนิเวศ", "เพื่อลดความสูญเสียจากภัยพิบัติ", "เพื่อพัฒนาทักษะแรงงาน"]
STATUS = ["ยังไม่ดำเนินการ", "อยู่ระหว่างดำเนินการ", "ดำเนินการแล้วเสร็จ", "ยกเลิก", "", "ขอปรับแผน"]
# ablation knobs (default off = the shape used in the trial)
ABL_PROV1 = os.environ.get("ABL_PROV1") == "1"    # one ISO province per project
ABL_NOLONG = os.environ.get("ABL_NOLONG") == "1"  # no very long names
ABL_LINKS1 = os.environ.get("ABL_LINKS1") == "1"  # at most 1 link per project
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def gen(N, out, seed=1):
    rnd = random.Random(seed)
    rng = np.random.default_rng(seed)
    os.makedirs(out, exist_ok=True)
    E = []  # id, level, name, parents(list), area, valid_from, valid_to, replaced_by
    parents = {}

    def add(eid, level, name, par=(), area="", vf="", vt="", rb=""):
        E.append([eid, level, name, list(par), area, vf, vt, rb])
        parents[eid] = [p for p in par]

    def tname(k=1):
        return " ".join(rnd.choice(W_OBJ) + rnd.choice(["เพิ่มขึ้น", "ดีขึ้น", "ลดลง", "มีมาตรฐาน", "ยั่งยืน"]) for _ in range(k))

    for s in range(1, 7):
        add(f"S{s}", "strategy", f"ยุทธศาสตร์ชาติด้านที่ {s} " + tname())
        for g in range(1, 3):
            add(f"S{s}-G{g}", "strategy_goal", "เป้าหมายยุทธศาสตร์ชาติ " + tname(), [f"S{s}"])
    mps = [f"MP{m:02d}" for m in range(1, 24)]
    sub_targets, master_targets = [], []
    for m, mp in enumerate(mps, 1):
        s = (m - 1) % 6 + 1
        add(mp, "master_plan", f"แผนแม่บทภายใต้ยุทธศาสตร์ชาติ ประเด็น ({m}) " + tname(), [f"S{s}"])
        mts = []
        for t in range(1, 3):
            mt = f"{m:02d}00{t:02d}"
            add(mt, "master_target", "เป้าหมายแผนแม่บท " + tname(2), [f"S{s}-G{t}", mp])
            mts.append(mt)
            master_targets.append(mt)
        for sp in range(1, 4):
            spid = f"{m:02d}{sp:02d}"
            add(spid, "sub_plan", "แผนย่อย " + tname(), [mp])
            for st in range(1, 3):
                stid = f"{m:02d}{sp:02d}{st:02d}"
                add(stid, "sub_target", "เป้าหมายแผนแม่บทย่อย " + tname(), [rnd.choice(mts), spid],
                    vf="2566" if rnd.random() < 0.15 else "")
                sub_targets.append(stid)
    # old editions of some sub-targets (v2)
    old_editions = []
    for stid in rnd.sample(sub_targets, 25):
        oid = stid + "-61"
        add(oid, "sub_target", "ฉบับเดิม " + tname(), [parents[stid][0]], vf="2561", vt="2565", rb=stid)
        old_editions.append(oid)
    vc_factors = []
    for stid in sub_targets:
        for c in range(1, 5):
            cid = f"{stid}V{c:02d}"
            add(cid, "vc_component", "องค์ประกอบห่วงโซ่คุณค่า " + tname(), [stid])
            for f_ in range(1, 5):
                fid = f"{cid}F{f_:02d}"
                add(fid, "vc_factor", "ปัจจัย " + tname(), [cid])
                vc_factors.append(fid)
    # NESDP
    for g in range(1, 6):
        add(f"NMG{g}", "nesdp_main_goal", "เป้าหมายหลักแผนฯ 13 " + tname(), [f"S{g}"])
    nsubs = []
    for m in range(1, 14):
        nm = f"NM{m:02d}"
        add(nm, "nesdp_milestone", f"หมุดหมายที่ {m} " + tname(), [rnd.choice(master_targets), f"NMG{(m-1)%5+1}"])
        for g in range(1, 3):
            ng = f"{nm}-G{g}"
            add(ng, "nesdp_goal", "เป้าหมายหมุดหมาย " + tname(), [nm])
            for s in range(1, 5):
                ns = f"{ng}-S{s}"
                add(ns, "nesdp_strategy", "กลยุทธ์ " + tname(), [ng])
                for ss in range(1, 4):
                    nss = f"{ns}-{ss}"
                    add(nss, "nesdp_sub_strategy", "กลยุทธ์ย่อย " + tname(), [ns])
                    nsubs.append(nss)
    # area plans: regional -> vc_factor ; cluster -> regional ; provincial -> cluster  (provincial is 8 below S)
    regionals = []
    for r in range(1, 7):
        for t in range(1, 11):
            rid = f"R{r}-T{t:02d}"
            add(rid, "regional_target", "เป้าหมายแผนพัฒนาภาค " + tname(), [rnd.choice(vc_factors)], area=f"R{r}")
            regionals.append(rid)
    clusters = []
    for c in range(1, 19):
        for t in range(1, 11):
            cid = f"C{c:02d}-T{t:02d}"
            add(cid, "cluster_target", "เป้าหมายแผนพัฒนากลุ่มจังหวัด " + tname(), [rnd.choice(regionals)], area=f"C{c:02d}")
            clusters.append(cid)
    provincials, unanch_prov = [], []
    for p in PROV_CODES:
        for t in range(1, 16):
            pid = f"TH-{p}-T{t:02d}"
            r = rnd.random()
            if r < 0.03:
                par = []  # unanchored (GK202)
                unanch_prov.append(pid)
            elif r < 0.05:
                par = [f"C{rnd.randint(19, 40)}-T99"]  # unknown parent only
                unanch_prov.append(pid)
            else:
                par = [rnd.choice(clusters)]
            area = rnd.choice([f"TH-{p}", PROV_TH.get(p, f"TH-{p}"), PROV_EN.get(p, f"th-{p}")])
            add(pid, "provincial_target", "เป้าหมายแผนพัฒนาจังหวัด " + tname(2) + " ในพื้นที่จังหวัด", par, area=area)
            provincials.append(pid)
    integ = []
    for i in range(1, 31):
        iid = f"IP{i:02d}"
        add(iid, "integrated_plan", "แผนงานบูรณาการ " + tname(), [rnd.choice(master_targets), rnd.choice(sub_targets)])
        integ.append(iid)

    # agencies: 20 ministries, departments, provincial offices, local governments (3,000+)
    A = []
    for mid, mname in MINISTRIES:
        A.append([mid, mname, "", mid + ".", "", rnd.choice(["ministry", "กระทรวง"])])
    dep_by_min = defaultdict(list)
    for mid, mname in MINISTRIES:
        for d in range(rnd.randint(10, 40)):
            aid = f"{mid}D{d:03d}"
            name = "กรม" + rnd.choice(W_OBJ) + " " + mname   # drawn before the kind, as first written
            A.append([aid, name, "", "", mid, rnd.choice(["department", "กรม", "public_org", "state_enterprise"])])
            dep_by_min[mid].append(aid)
    for mid, mname in MINISTRIES[:12]:
        for p in PROV_CODES:
            aid = f"{mid}/TH{p}"
            A.append([aid, f"สำนักงาน{mname[7:]}จังหวัด {PROV_TH.get(p, p)}", "", "", mid, "province"])
            dep_by_min[mid].append(aid)
    for i in range(2300):
        aid = f"LAO{i:05d}"
        name = f"องค์การบริหารส่วนตำบล{rnd.choice(W_PLACE)} {i}"
        A.append([aid, name, "", "", "มท", rnd.choice(["local", "อปท.", "other"])])
        dep_by_min["มท"].append(aid)
    agency_ids = [a[0] for a in A]
    {a[0]: (a[4] or a[0]) for a in A}
    n_ag = len(A)

    # action targets: level 1 -> vc_factor / nesdp_sub_strategy / sub_target; deeper ones -> action_target (GK203)
    actions, unanch_act = [], []
    nact = 0
    for mid, _ in MINISTRIES:
        for d in dep_by_min[mid][:60]:
            depth = rnd.choice([1, 1, 1, 2, 3, 4, 5])
            prev = None
            for k in range(depth):
                nact += 1
                aid = f"AP-{d}-{k}"
                if prev is None:
                    r = rnd.random()
                    if r < 0.02:
                        par = []
                        unanch_act.append(aid)
                    elif r < 0.03:
                        par = ["0" + str(rnd.randint(10000, 99999))]  # unknown
                        unanch_act.append(aid)
                    elif r < 0.7:
                        par = [rnd.choice(vc_factors)]
                    elif r < 0.9:
                        par = [rnd.choice(nsubs)]
                    else:
                        par = [rnd.choice(sub_targets), rnd.choice(vc_factors)]
                else:
                    par = [prev]
                add(aid, "action_target", f"เป้าหมายแผนปฏิบัติราชการ {d} ระดับ {k} " + tname(2), par,
                    vf=rnd.choice(["", "2566", "2565"]), vt=rnd.choice(["", "", "2570"]))
                actions.append(aid)
                prev = aid
    # cycles among action targets: half with an exit to Z, half closed
    cyc_members = []
    for c in range(30):
        L = rnd.randint(2, 40)
        ids = [f"CYC{c:02d}-{i}" for i in range(L)]
        for i, cid in enumerate(ids):
            par = [ids[(i + 1) % L]]
            if c % 2 == 0 and i == 0:
                par.append(rnd.choice(vc_factors))
            add(cid, "action_target", "เป้าหมายที่วนกลับ " + tname(), par)
        cyc_members += ids
    elem_ids = set(e[0] for e in E)

    # reach-Z over existing elements
    reachZ = {}
    # iterative fixpoint (graph has cycles)
    levels = {e[0]: e[1] for e in E}
    for e in E:
        reachZ[e[0]] = levels[e[0]] == "strategy"
    changed = True
    while changed:
        changed = False
        for e in E:
            if not reachZ[e[0]] and any(reachZ.get(p, False) for p in parents[e[0]] if p in elem_ids):
                reachZ[e[0]] = True
                changed = True
    broken_elems = sorted(e for e in elem_ids if not reachZ[e])  # sorted: deterministic across hash seeds
    link_pool_ok = {
        "action": [a for a in actions if reachZ[a]], "vc": vc_factors, "prov": [p for p in provincials],
        "st": sub_targets + old_editions, "ns": nsubs, "cl": clusters + regionals, "ip": integ,
    }
    broken_pool = [e for e in broken_elems]

    rows = []
    plinks_rows = []
    expected = {"orphan": 0, "broken": 0, "orphan_only_unknown_links": 0, "reach": 0}
    lvl_pick = ["action", "vc", "prov", "st", "ns", "cl", "ip"]
    lvl_p = np.array([0.38, 0.25, 0.15, 0.1, 0.06, 0.04, 0.02])
    nlinks = rng.choice(np.arange(13), size=N, p=np.array([6, 30, 22, 13, 8, 6, 4, 3, 2.5, 2, 1.5, 1, 1]) / 100)
    years = rng.choice([2565, 2566, 2567, 2568, 2569], size=N, p=[0.1, 0.2, 0.3, 0.3, 0.1])
    ag_idx = rng.integers(0, n_ag, size=N)
    projects_meta = []
    for i in range(N):
        pid = f"{rnd.choice(['P', 'PRJ', 'eM'])}{i:07d}-{years[i]}"
        k = int(nlinks[i]) if not ABL_LINKS1 else min(1, int(nlinks[i]))
        links = []
        r0 = rnd.random()
        for _ in range(k):
            r = rnd.random()
            if r < 0.03:
                links.append(rnd.choice(["X" + str(rnd.randint(1, 99999)), str(int(rnd.choice(sub_targets))),
                                         rnd.choice(sub_targets) + "V99F99"]))
            elif r0 < 0.04:
                links.append(rnd.choice(broken_pool))  # project whose chain is broken
            else:
                kind = lvl_pick[rng.choice(7, p=lvl_p)]
                links.append(rnd.choice(link_pool_ok[kind]))
        extra = []
        if links and rnd.random() < 0.1:
            extra = [rnd.choice(links)]  # duplicated in project_links.csv
        if rnd.random() < 0.08:
            extra.append(rnd.choice(link_pool_ok["vc"]) if r0 >= 0.04 else rnd.choice(broken_pool))
        if links and rnd.random() < 0.1:
            links.append(links[0])  # duplicate in list
        for x in extra:
            plinks_rows.append([pid, rnd.choice(["", " "]) + x + rnd.choice(["", "  "])])
        allk = set(x for x in links + extra if x in elem_ids)
        if not allk:
            expected["orphan"] += 1
            if links or extra:
                expected["orphan_only_unknown_links"] += 1
        elif not any(reachZ[x] for x in allk):
            expected["broken"] += 1
        else:
            expected["reach"] += 1
        sep = rnd.choice([";", "; ", " ; ", ";  "])
        ltxt = sep.join((" " + x if rnd.random() < 0.1 else x) for x in links)
        if links and rnd.random() < 0.05:
            ltxt += ";"
        # provinces
        rp = rnd.random()
        if ABL_PROV1:
            prov = f"TH-{rnd.choice(PROV_CODES)}"
        elif rp < 0.1:
            prov = rnd.choice(["national", "ทั่วประเทศ", "ทุกจังหวัด"])
        else:
            kk = min(77, int(rng.pareto(1.2)) + 1) if rp < 0.95 else rnd.randint(30, 77)
            pl = rnd.sample(PROV_CODES, kk)
            prov = rnd.choice([";", "; "]).join(
                rnd.choice([f"TH-{p}", f"TH-{p}", PROV_TH.get(p, f"TH-{p}"),
                            "จ." + PROV_TH.get(p, "") if p in PROV_TH else f"TH-{p}",
                            PROV_EN.get(p, f"TH-{p}")]) for p in pl)
        # long Thai names
        nm = "โครงการ" + rnd.choice(W_VERB) + rnd.choice(W_OBJ) + " " + rnd.choice(W_MOD)
        for _ in range(rnd.choice([0, 1, 1, 2, 3, 5])):
            nm += " " + rnd.choice(W_VERB) + rnd.choice(W_OBJ) + rnd.choice(W_MOD)
        nm += " " + rnd.choice(W_PLACE) + " ประจำปีงบประมาณ พ.ศ. " + str(years[i])
        if rnd.random() < 0.01 and not ABL_NOLONG:
            nm += " " + " ".join(rnd.choice(W_OBJ + W_MOD + W_PLACE) for _ in range(rnd.randint(80, 300)))
        obj = " ".join(rnd.choice(W_OBJV) for _ in range(rnd.randint(1, 4)))
        b = rnd.randint(50, 500000) * 1000
        rb_ = rnd.random()
        if rb_ < 0.6:
            btxt = f"{b:,}"
        elif rb_ < 0.75:
            btxt = str(b)
        elif rb_ < 0.85:
            btxt = f"฿ {b:,}"
        elif rb_ < 0.9:
            btxt = f"{b:,}".translate(THAI_DIGITS)
        elif rb_ < 0.95:
            btxt = f"{b:,}.00"
        elif rb_ < 0.97:
            btxt = "-"
        else:
            btxt = ""
        ag = agency_ids[ag_idx[i]] if rnd.random() > 0.002 else f"UNK{rnd.randint(1, 50)}"
        yr = str(years[i]) if rnd.random() > 0.01 else str(years[i] - 543)
        rows.append([pid, nm, ag, yr, btxt, prov, obj, rnd.choice(STATUS), ltxt])
        projects_meta.append((pid, int(years[i]), b, btxt))
    write_csv(os.path.join(out, "projects.csv"),
              ["id", "name", "agency", "fiscal_year", "budget", "provinces", "objective", "status", "links"], rows)
    # shuffle project_links rows
    rnd.shuffle(plinks_rows)
    plinks_rows += [[f"NOPE{i}", rnd.choice(vc_factors)] for i in range(50)]
    write_csv(os.path.join(out, "project_links.csv"), ["project", "element"], plinks_rows)
    write_csv(os.path.join(out, "elements.csv"),
              ["id", "level", "name", "parents", "area", "valid_from", "valid_to", "replaced_by"],
              [[e[0], e[1], e[2], rnd.choice([";", "; "]).join(e[3]), e[4], e[5], e[6], e[7]] for e in E])
    write_csv(os.path.join(out, "agencies.csv"), ["id", "name", "name_en", "abbr", "ministry", "kind"], A)
    # budget lines
    bl = []
    nb = 0
    for pid, y, b, _btxt in projects_meta:
        r = rnd.random()
        n = 0 if r < 0.08 else (1 if r < 0.8 else rnd.randint(2, 4))
        for _j in range(n):
            nb += 1
            amt = b // n if rnd.random() > 0.05 else b // n + rnd.randint(1, 100000)
            bl.append([f"BL{nb:08d}", pid, str(y if rnd.random() > 0.02 else y + 1), f"{amt:,}",
                       f"{int(amt * rnd.random()):,}" if rnd.random() < 0.7 else ""])
    bl += [[f"BLX{i}", f"GHOST{i}", "2567", "1,000", ""] for i in range(30)]
    write_csv(os.path.join(out, "budget_lines.csv"), ["code", "project", "fiscal_year", "amount", "disbursed"], bl)
    # leads
    leads = []
    min_ids = [m for m, _ in MINISTRIES]
    for t in sub_targets + provincials + clusters + regionals + actions[:2000]:
        r = rnd.random()
        if r < 0.1:
            continue
        nl = 1 if r < 0.8 else rnd.randint(2, 4)
        for _ in range(nl):
            leads.append([t, rnd.choice(agency_ids[:600] + min_ids),
                          rnd.choice(["lead", "", "เจ้าภาพ", "co-lead", "เจ้าภาพร่วม", "implementer", "coordinator",
                                      "ผู้ประสานงาน"]
                                     + (["ผู้รับผิดชอบ"] if rnd.random() < 0.02 else []))])
    write_csv(os.path.join(out, "leads.csv"), ["element", "agency", "role"], leads)
    kpis, kag = [], []
    kn = 0
    for t in sub_targets + provincials + master_targets + [f"NM{m:02d}-G1" for m in range(1, 14)]:
        for _ in range(rnd.randint(1, 3)):
            kn += 1
            kid = f"K{kn:05d}"
            base = round(rnd.uniform(1, 100), 2)
            tgt = round(base * rnd.uniform(0.8, 1.3), 2)
            ptgt = round(base * rnd.uniform(0.9, 1.3), 2)
            kpis.append([kid, "ร้อยละของ" + rnd.choice(W_OBJ) + "ที่" + rnd.choice(["เพิ่มขึ้น", "ลดลง"]), t, "ร้อยละ",
                         base, tgt, ptgt, rnd.choice(["up", "down", "", "เพิ่มขึ้น", "ลดลง"]), rnd.choice(["2567", "2568"]),
                         rnd.choice(["", "evaluated", "monitor", "ติดตาม"]), rnd.choice(["", "", "งบประมาณไม่เพียงพอ"])])
            for a in rnd.sample(agency_ids[:800], rnd.randint(1, 5)):
                kag.append([kid, a, rnd.choice(["host", "partner", "shared", "เจ้าภาพ", "หน่วยงานร่วม"]),
                            rnd.choice(["yes", "no", "ใช่", "", "ไม่"])])
    write_csv(os.path.join(out, "kpis.csv"), ["id", "name", "element", "unit", "baseline", "target", "plan_target",
                                             "direction", "year", "class", "shortfall_reason"], kpis)
    write_csv(os.path.join(out, "kpi_agencies.csv"), ["kpi", "agency", "role", "measured"], kag)
    # deep elements for tracing
    depth = {}

    def dep(e, seen=()):
        if e in depth:
            return depth[e]
        if levels[e] == "strategy":
            return 0
        if e in seen:
            return None
        ds = [dep(p, (*seen, e)) for p in parents[e] if p in elem_ids]
        ds = [d for d in ds if d is not None]
        v = (min(ds) + 1) if ds else None
        depth[e] = v
        return v
    sys.setrecursionlimit(10000)
    deepest = max((e for e in actions if dep(e)), key=lambda e: dep(e))
    planted = {"N": N, "elements": len(E), "agencies": len(A), "expected_GK101_orphans": expected["orphan"],
               "expected_GK101_with_only_unknown_links": expected["orphan_only_unknown_links"],
               "expected_GK201_broken": expected["broken"], "expected_reach_Z": expected["reach"],
               "unanchored_provincial_targets": unanch_prov, "unanchored_action_targets_level1": unanch_act,
               "cycles": 30, "cycle_members": len(cyc_members), "elements_not_reaching_Z": len(broken_elems),
               "deep_element": deepest, "deep_element_depth": dep(deepest), "project_links_rows": len(plinks_rows),
               "budget_lines": len(bl), "example_project": rows[1][0], "sub_target_example": sub_targets[5]}
    with open(os.path.join(out, "planted.json"), "w", encoding="utf-8") as f:
        json.dump(planted, f, ensure_ascii=False, indent=1)
    print(json.dumps({k: v for k, v in planted.items() if not isinstance(v, list)}, ensure_ascii=False))


def mutate(src, dst, frac=0.01, seed=7):
    rnd = random.Random(seed)
    if os.path.exists(dst):
        shutil.rmtree(dst)
    shutil.copytree(src, dst)
    p = os.path.join(dst, "projects.csv")
    with open(p, encoding="utf-8", newline="") as f:
        r = list(csv.reader(f))
    hdr, body = r[0], r[1:]
    with open(os.path.join(src, "elements.csv"), encoding="utf-8") as fe:
        vcs = [row[0] for row in csv.reader(fe) if row[1] == "vc_factor"]
    n = 0
    for row in body:
        if rnd.random() < frac:
            n += 1
            c = rnd.random()
            if c < 0.4:
                row[1] = row[1] + " (ปรับปรุง)"
            elif c < 0.7:
                row[8] = rnd.choice(vcs)
            elif c < 0.85:
                row[8] = ""
            else:
                row[4] = "1,234,000"
    write_csv(p, hdr, body)
    print("changed", n)


if __name__ == "__main__":
    if sys.argv[1] == "--mutate":
        mutate(sys.argv[2], sys.argv[3])
    else:
        gen(int(sys.argv[1]), sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1)
