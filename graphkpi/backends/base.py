"""What a backend offers the commands: findings, and the facts needed to show them.

Both backends answer the same questions, so every command renders the same output from
either. A backend that cannot answer one (a check without a Cypher file, say) raises
:class:`UnsupportedError` naming itself, never returns a silent empty result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

import pandas as pd

from graphkpi.model import Finding
from graphkpi.profile import Profile

Progress = Callable[[str], None]


# key → (Thai, English); filled with str.format.
MESSAGES: dict[str, tuple[str, str]] = {
    "bad_uri": ("URI ของ Neo4j ไม่ถูกต้อง {uri}: {reason_th}", "bad Neo4j URI {uri}: {reason}"),
    "login": ("Neo4j ที่ {where} ปฏิเสธการเข้าสู่ระบบ: ตรวจผู้ใช้และ NEO4J_PASSWORD / --neo4j-password",
              "Neo4j at {where} refused the login: check the user and NEO4J_PASSWORD / --neo4j-password"),
    "unreachable": ("ติดต่อ Neo4j ที่ {uri} ไม่ได้: {reason} เซิร์ฟเวอร์ทำงานอยู่หรือไม่? "
                    "(สำหรับการพัฒนา: scripts/neo4j-dev start)",
                    "cannot reach Neo4j at {uri}: {reason}. Is the server running? "
                    "(for development: scripts/neo4j-dev start)"),
    "server": ("Neo4j ที่ {where}: {reason}", "Neo4j at {where}: {reason}"),
    "occupied": ("ฐานข้อมูล {database} มี{what}อยู่แล้ว ใช้ --replace เพื่อแทนที่ (ลบเฉพาะโหนดของ graphkpi)",
                 "database {database} already holds {what_en}; load with --replace to replace it "
                 "(only graphkpi's nodes are removed)"),
    "empty": ("ฐานข้อมูล {database} ยังไม่มีกราฟของ graphkpi: โหลดก่อนด้วย `graphkpi load BUNDLE`",
              "database {database} holds no graphkpi graph: run `graphkpi load BUNDLE` first"),
    "incomplete": ("กราฟในฐานข้อมูล {database} ไม่สมบูรณ์ (การโหลด {source} ไม่เสร็จ): "
                   "โหลดใหม่ด้วย `graphkpi load --replace`",
                   "the graph in database {database} is incomplete (a load of {source} did not finish): "
                   "run `graphkpi load --replace` again"),
    "loading_now": ("กำลังโหลด {source} เข้าฐานข้อมูล {database} (pid {pid} บน {host}): รอให้เสร็จแล้วสั่งใหม่",
                    "a load of {source} into database {database} is running (pid {pid} on {host}): wait for it "
                    "to finish, then run the command again"),
    "damaged": ("กราฟในฐานข้อมูล {database} ไม่ตรงกับที่โหลดไว้ ({source}: พบ/ควรมี {diff}) มีการลบหรือเขียนทับ"
                "หลังการโหลด: โหลดใหม่ด้วย `graphkpi load --replace`",
                "the graph in database {database} no longer holds what was loaded ({source}: found/expected "
                "{diff}); something deleted or wrote to it after the load: run `graphkpi load --replace` again"),
    "outdated": ("กราฟในฐานข้อมูล {database} ({source}) โหลดด้วย graphkpi รุ่นก่อน ซึ่งไม่ได้เก็บผลตรวจ GK0xx "
                 "ไว้กับกราฟ: โหลดใหม่ด้วย `graphkpi load --replace`",
                 "the graph in database {database} ({source}) was loaded by an older graphkpi, which did not "
                 "store the GK0xx findings with it: run `graphkpi load --replace` to load it again"),
    "profile_mismatch": ("กราฟในฐานข้อมูล {database} โหลดด้วยโปรไฟล์ {loaded} ผลตรวจ GK0xx ที่เก็บไว้จึงไม่ใช่ของ"
                         "โปรไฟล์ {asked}: ตรวจด้วย --profile {loaded} หรือโหลดใหม่ด้วย "
                         "`graphkpi load --replace --profile {asked}`",
                         "the graph in database {database} was loaded with profile {loaded}, so its stored "
                         "GK0xx findings are not those of profile {asked}: check with --profile {loaded}, or "
                         "load again with `graphkpi load --replace --profile {asked}`"),
    "changed": ("กราฟในฐานข้อมูล {database} ถูกโหลดใหม่ระหว่างที่อ่านอยู่ ผลลัพธ์จึงใช้ไม่ได้: สั่งใหม่อีกครั้ง",
                "the graph in database {database} was reloaded while it was being read, so the answer "
                "would mix two graphs: run the command again"),
    "busy": ("การโหลดอื่น (pid {pid} บน {host} เริ่ม {since}, ติดต่อล่าสุด {silent} วินาทีก่อน) กำลังเขียนฐานข้อมูล "
             "{database}: รอให้เสร็จ หรือใช้ --wait SECONDS (ล็อกที่เงียบเกิน {stale} วินาที "
             "หรือของโปรเซสที่ตายแล้วบนเครื่องนี้ จะถูกรับช่วงต่อโดยอัตโนมัติ)",
             "another load (pid {pid} on {host}, since {since}, last heard {silent} s ago) is writing database "
             "{database}: wait for it, or use --wait SECONDS (a lock silent for {stale} s, or held by a dead "
             "process on this host, is taken over automatically)"),
    "lock_lost": ("การโหลดนี้เสียล็อกของฐานข้อมูล {database} ให้การโหลดอื่น จึงหยุดก่อนเขียนต่อ "
                  "(กราฟยังถูกทำเครื่องหมายว่าไม่สมบูรณ์)",
                  "this load lost the lock of database {database} to another load and stopped before "
                  "writing more (the graph stays marked incomplete)"),
    "verify_failed": ("หลังการโหลด ฐานข้อมูล {database} ไม่มีสิ่งที่เขียนไปครบ (พบ/ควรมี {diff}): "
                      "กราฟยังถูกทำเครื่องหมายว่าไม่สมบูรณ์ โหลดใหม่ด้วย --replace",
                      "after the load, database {database} does not hold what was written (found/expected "
                      "{diff}): the graph stays marked incomplete; load again with --replace"),
    "load_csv": ("คำสั่ง query แบบอ่านอย่างเดียวไม่อนุญาต LOAD CSV (อ่านไฟล์หรือ URL นอกกราฟ)",
                 "a read-only query may not use LOAD CSV (it reads files or URLs outside the graph)"),
    "unsupported": ("{what} ยังไม่มีใน backend {backend}", "{what} is not available on the {backend} backend"),
}


class BackendError(Exception):
    """The backend cannot serve the request (server down, login refused, graph incomplete).

    A message key with parameters, so the CLI can say it in the user's language; ``str()``
    is the English text.
    """

    def __init__(self, key: str, **params: object) -> None:
        self.key, self.params = key, {k: str(v) for k, v in params.items()}
        super().__init__(self.text("en"))

    def text(self, lang: str = "en") -> str:
        th, en = MESSAGES[self.key]
        return (th if lang == "th" else en).format(**self.params)


class UnsupportedError(BackendError):
    """The backend does not implement what was asked."""

    def __init__(self, backend: str, what: str) -> None:
        super().__init__("unsupported", backend=backend, what=what)
        self.backend, self.what = backend, what


class Backend(Protocol):
    """A loaded plan graph that can be checked and described."""

    name: str
    profile: Profile

    @property
    def source(self) -> str:
        """Where the data came from (the bundle path, as given or as recorded at load time)."""

    @property
    def years_given_be(self) -> bool:
        """Whether the bundle wrote fiscal years in the Buddhist Era."""

    def findings(self, codes: list[str], progress: Progress | None = None,
                 params: dict[str, dict[str, object]] | None = None) -> list[Finding]:
        """Findings of ``codes``, sorted by code, subject and related ids; ``params``: per-code options."""

    def names(self, ids: Iterable[str], lang: str = "th") -> dict[str, str]:
        """Display names of any ids (elements, projects, agencies, areas, KPIs)."""

    def levels(self, ids: Iterable[str]) -> dict[str, str]:
        """The level of each id that is a plan element."""

    def project_facts(self, ids: list[str], lang: str = "th") -> pd.DataFrame:
        """One row per project id: name, agency, ministry (ids and names), year, budget, provinces."""

    def close(self) -> None:
        """Release connections."""
