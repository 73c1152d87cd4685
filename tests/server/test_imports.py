"""Admin CSV imports: formats, validation report, upsert, reassignment, CLI."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import stat
import uuid
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from server.auth.passwords import verify_password
from server.cli import main
from server.imports.reports import write_rejects
from server.imports.service import ImportResult, import_file
from server.tables import (
    assignments,
    credentials,
    departments,
    districts,
    doctors,
    institutions,
    regions,
    sync_counter,
    sync_feed,
    synced,
    territories,
    users,
)

DATA = Path(__file__).parent / "import_data"
TODAY = dt.date(2026, 11, 23)
CHAIN = ("territories", "institutions", "departments", "doctors", "assignments", "users")


def run(conn: Connection, kind: str, path: Path | str, **kw: Any) -> ImportResult:
    path = DATA / path if isinstance(path, str) else path
    return import_file(conn, kind, path, today=TODAY, **kw)


def load(conn: Connection, *kinds: str) -> dict[str, ImportResult]:
    results = {}
    for kind in kinds:
        result = run(conn, kind, f"{kind}.csv")
        assert result.ok and result.written, [e.describe() for e in result.errors]
        results[kind] = result
    return results


def one(conn: Connection, table: sa.Table, **where: Any) -> dict[str, Any]:
    q = sa.select(table).where(*(table.c[k] == v for k, v in where.items()))
    return dict(conn.execute(q).mappings().one())


def count(conn: Connection, table: sa.Table) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


def errors_of(result: ImportResult) -> set[tuple[int, str, str, str]]:
    return {(e.line, e.column, e.value, e.code) for e in result.errors}


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def versions(conn: Connection) -> dict[str, list[tuple[Any, int]]]:
    out = {}
    for name in (
        "regions",
        "districts",
        "territories",
        "institutions",
        "departments",
        "doctors",
        "assignments",
        "users",
    ):
        t = synced[name]
        out[name] = sorted((str(r.id), r.version) for r in conn.execute(sa.select(t.c.id, t.c.version)))
    return out


# --- good files -------------------------------------------------------------------------


def test_good_file_of_each_kind(conn: Connection) -> None:
    results = load(conn, *CHAIN)
    assert {k: (r.created, r.updated, r.unchanged, r.rejected) for k, r in results.items()} == {
        "territories": (3, 0, 0, 0),
        "institutions": (3, 0, 0, 0),
        "departments": (3, 0, 0, 0),
        "doctors": (4, 0, 0, 0),
        "assignments": (0, 2, 0, 0),
        "users": (4, 0, 0, 0),
    }
    assert count(conn, regions) == 1 and count(conn, districts) == 2
    xh = one(conn, territories, code="T-XH")
    assert one(conn, districts, id=xh["district_id"])["name"] == "上海一区"

    h1 = one(conn, institutions, code="H001")
    assert (h1["name"], h1["level"], h1["type"], h1["status"], h1["beds"]) == (
        "复旦大学附属中山医院",
        "3A",
        "hospital",
        "active",
        2000,
    )
    assert h1["latitude"] == pytest.approx(31.1967)
    h3 = one(conn, institutions, code="H003")
    assert (h3["level"], h3["type"], h3["latitude"]) == ("unrated", "pharmacy", None)
    cardio = one(conn, departments, institution_id=h1["id"], name="心内科")
    assert (cardio["outpatient_per_month"], cardio["beds"]) == (3000, 60)

    dr1 = one(conn, doctors, code="DR001")
    assert (dr1["title"], dr1["gender"], dr1["status"], dr1["department_id"]) == (
        "chief",
        "male",
        "active",
        cardio["id"],
    )
    dr4 = one(conn, doctors, code="DR004")
    assert (dr4["title"], dr4["department_id"]) == ("resident", None)
    pd = one(conn, territories, code="T-PD")
    assert dr4["territory_id"] == pd["id"]  # placed by assignments.csv
    a4 = one(conn, assignments, doctor_id=dr4["id"])
    assert (a4["valid_from"], a4["valid_to"], a4["reason"]) == (dt.date(2026, 11, 15), None, "新增覆盖")
    dr2 = one(conn, doctors, code="DR002")
    assert one(conn, assignments, doctor_id=dr2["id"])["valid_from"] == TODAY  # no valid_from given

    rep = one(conn, users, username="rep_xh")
    dm = one(conn, users, username="dm_sh1")
    rm = one(conn, users, username="rm_east")
    assert (rep["role"], rep["territory_id"], rep["district_id"], rep["region_id"]) == (
        "rep",
        xh["id"],
        xh["district_id"],
        rm["region_id"],
    )
    assert (rep["manager_id"], dm["manager_id"], rm["manager_id"]) == (dm["id"], rm["id"], None)
    assert (dm["role"], dm["district_id"], dm["territory_id"]) == ("dm", xh["district_id"], None)
    assert rep["active"] is True
    hashes = dict(conn.execute(sa.select(credentials.c.user_id, credentials.c.password_hash)).all())
    assert verify_password(hashes[rm["id"]], "Secret-rm-1")
    temp = results["users"].temporary_passwords
    assert set(temp) == {"rep_xh", "dm_sh1"}
    assert verify_password(hashes[rep["id"]], temp["rep_xh"])
    assert "temporary_passwords" not in repr(results["users"])

    feed = {(r.scope, r.table_name, r.row_id): r.op for r in conn.execute(sa.select(sync_feed))}
    assert feed[(f"district:{rep['district_id']}", "users", rep["id"])] == "upsert"
    assert ("global", "users", rep["id"]) not in feed  # a team's, not everyone's
    assert feed[(f"territory:{xh['id']}", "doctors", dr2["id"])] == "upsert"
    assert feed[(f"territory:{xh['id']}", "institutions", h1["id"])] == "upsert"


def test_reimport_changes_nothing(conn: Connection) -> None:
    load(conn, *CHAIN)
    load(conn, "doctors")  # doctors.csv puts DR001 back where assignments.csv moved it from
    before, seq = versions(conn), count(conn, sync_feed)
    counter = conn.execute(sa.select(sync_counter.c.value)).scalar_one()
    for kind in ("territories", "institutions", "departments", "doctors", "users"):
        result = run(conn, kind, f"{kind}.csv")
        assert (result.created, result.updated, result.rejected) == (0, 0, 0), kind
        assert result.unchanged > 0
        assert result.temporary_passwords == {}
    assert versions(conn) == before
    assert count(conn, sync_feed) == seq
    assert conn.execute(sa.select(sync_counter.c.value)).scalar_one() == counter


def test_changed_rows_are_updated_and_bump_version(conn: Connection, tmp_path: Path) -> None:
    load(conn, "institutions")
    h2 = one(conn, institutions, code="H002")
    path = write_csv(
        tmp_path / "inst.csv",
        [
            ["code", "name", "type", "beds"],
            ["H002", "上海市第一人民医院", "hospital", "1900"],
            ["H001", "复旦大学附属中山医院", "医院", "2000"],
        ],
    )
    result = run(conn, "institutions", path)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    after = one(conn, institutions, code="H002")
    assert (after["beds"], after["version"]) == (1900, h2["version"] + 1)
    assert after["level"] == "3A"  # a column the file leaves out is not touched


def test_new_password_for_existing_user(conn: Connection, tmp_path: Path) -> None:
    load(conn, "territories", "users")
    before = versions(conn)["users"]
    path = write_csv(
        tmp_path / "pw.csv",
        [
            ["username", "display_name", "role", "region_code", "password"],
            ["rm_east", "赵强", "rm", "R-EAST", "New-secret-2"],
        ],
    )
    result = run(conn, "users", path)
    assert (result.updated, result.unchanged, result.temporary_passwords) == (1, 0, {})
    rm = one(conn, users, username="rm_east")
    stored = conn.execute(
        sa.select(credentials.c.password_hash).where(credentials.c.user_id == rm["id"])
    ).scalar_one()
    assert verify_password(stored, "New-secret-2")
    assert versions(conn)["users"] == before


# --- bad rows ---------------------------------------------------------------------------


def test_bad_rows_are_reported_and_nothing_is_written(conn: Connection) -> None:
    result = run(conn, "institutions", "institutions_bad.csv")
    assert not result.written and not result.refused
    assert errors_of(result) == {
        (3, "level", "四级", "not_allowed"),
        (4, "name", "H" * 202, "too_long"),
        (5, "code", "H101", "duplicate_in_file"),
        (5, "beds", "abc", "bad_int"),
    }
    dup = next(e for e in result.errors if e.code == "duplicate_in_file")
    assert "line 2" in dup.message
    assert count(conn, institutions) == 0 and count(conn, sync_feed) == 0


def test_unknown_references_and_bad_dates(conn: Connection) -> None:
    load(conn, "territories", "institutions", "departments")
    feed_before = count(conn, sync_feed)
    result = run(conn, "doctors", "doctors_bad.csv")
    assert errors_of(result) == {
        (3, "institution_code", "H999", "unknown_reference"),
        (4, "department_name", "骨科", "unknown_reference"),
        (4, "title", "教授", "not_allowed"),
        (4, "territory_code", "T-NOPE", "unknown_reference"),
        (4, "valid_from", "2026/11/01", "bad_date"),
    }
    assert count(conn, doctors) == 0 and count(conn, sync_feed) == feed_before


def test_user_rules(conn: Connection, tmp_path: Path) -> None:
    load(conn, "territories")
    path = write_csv(
        tmp_path / "users.csv",
        [
            ["username", "display_name", "role", "territory_code", "district_code", "manager_username"],
            ["rep1", "代表一", "rep", "", "", ""],
            ["rep2", "代表二", "rep", "T-XH", "D-HZ", ""],
            ["rep3", "代表三", "rep", "T-XH", "", "nobody"],
            ["dm1", "经理一", "dm", "", "D-SH1", "dm2"],
            ["dm2", "经理二", "dm", "", "D-SH1", "dm1"],
            ["rep4", "代表四", "rep", "T-XH", "", "rep1"],
        ],
    )
    result = run(conn, "users", path, skip_invalid=True)
    assert errors_of(result) == {
        (2, "territory_code", "", "required_for_role"),
        (3, "district_code", "D-HZ", "inconsistent_org"),
        (4, "manager_username", "nobody", "unknown_reference"),
        (5, "manager_username", "dm2", "manager_cycle"),
        (6, "manager_username", "dm1", "manager_cycle"),
        (7, "manager_username", "rep1", "manager_rejected"),
    }
    assert (result.created, result.rejected) == (0, 6)


# --- skip invalid -----------------------------------------------------------------------


def test_skip_invalid_imports_good_rows_and_writes_rejects(conn: Connection, tmp_path: Path) -> None:
    path = tmp_path / "institutions_bad.csv"
    shutil.copy(DATA / "institutions_bad.csv", path)
    result = run(conn, "institutions", path, skip_invalid=True)
    assert (result.created, result.updated, result.unchanged, result.rejected) == (2, 0, 0, 3)
    assert result.written
    assert {r["code"] for r in conn.execute(sa.select(institutions.c.code)).mappings()} == {"H101", "H104"}

    rejects = write_rejects(result)
    assert rejects == tmp_path / "institutions_bad.rejects.csv"
    with rejects.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["code"], r["reject_line"]) for r in rows] == [("H102", "3"), ("H103", "4"), ("H101", "5")]
    assert rows[0]["level"] == "四级" and "not_allowed" in rows[0]["reject_reason"]
    assert "duplicate_in_file" in rows[2]["reject_reason"] and "bad_int" in rows[2]["reject_reason"]

    # The admin fixes the rejects file in place and imports it as it is.
    rows[0]["level"], rows[1]["name"], rows[2]["code"], rows[2]["beds"] = "三乙", "短名医院", "H105", "9"
    with rejects.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    again = run(conn, "institutions", rejects)
    assert (again.created, again.rejected) == (3, 0), [e.describe() for e in again.errors]
    assert one(conn, institutions, code="H102")["level"] == "3B"


# --- encodings and headers --------------------------------------------------------------


def test_gb18030_file_with_chinese_headers(conn: Connection, tmp_path: Path) -> None:
    load(conn, "territories")
    inst = write_csv(
        tmp_path / "医院.csv",
        [
            ["医院编码", "医院名称", "医院等级", "机构类型", "城市", "床位数"],
            ["H201", "浙江大学医学院附属第一医院", "三级甲等", "医院", "杭州", "2500"],
            ["H202", "西湖区社区卫生服务中心", "一级", "社区卫生服务中心", "杭州", ""],
        ],
        encoding="gb18030",
    )
    result = run(conn, "institutions", inst)
    assert result.encoding == "gb18030" and result.created == 2, [e.describe() for e in result.errors]
    h201 = one(conn, institutions, code="H201")
    assert (h201["name"], h201["level"], h201["type"], h201["city"], h201["beds"]) == (
        "浙江大学医学院附属第一医院",
        "3A",
        "hospital",
        "杭州",
        2500,
    )
    assert one(conn, institutions, code="H202")["type"] == "community"

    docs = write_csv(
        tmp_path / "医生.csv",
        [
            ["医生编码", "姓名", "性别", "医院编码", "职称", "片区编码", "生效日期"],
            ["DR201", "刘洋", "女", "H201", "副主任医师", "T-HZ1", "2026-11-02"],
        ],
        encoding="gb18030",
    )
    result = run(conn, "doctors", docs)
    assert result.created == 1
    dr = one(conn, doctors, code="DR201")
    assert (dr["name"], dr["gender"], dr["title"]) == ("刘洋", "female", "associate_chief")


def test_utf8_with_bom(conn: Connection, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "t.csv",
        [
            [
                "region_code",
                "region_name",
                "district_code",
                "district_name",
                "territory_code",
                "territory_name",
            ],
            ["R-S", "华南大区", "D-GZ", "广州区", "T-TH", "天河片区"],
        ],
        encoding="utf-8-sig",
    )
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    result = run(conn, "territories", path)
    assert (result.encoding, result.created) == ("utf-8-sig", 1)
    assert one(conn, territories, code="T-TH")["name"] == "天河片区"


def test_forced_encoding_that_does_not_fit_is_refused(conn: Connection, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "t.csv", [["code", "name", "type"], ["H1", "医院甲", "医院"]], encoding="gb18030"
    )
    result = run(conn, "institutions", path, encoding="utf-8")
    assert result.refused and [e.code for e in result.errors] == ["bad_encoding"]
    assert result.errors[0].line == 2


def test_unknown_and_missing_columns_are_refused(conn: Connection, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "i.csv", [["code", "名称", "hospital_grade", "科室主任"], ["H1", "医院甲", "3A", "x"]]
    )
    result = run(conn, "institutions", path, skip_invalid=True)
    assert result.refused and not result.written
    unknown = next(e for e in result.errors if e.code == "unknown_column")
    assert "'hospital_grade'" in unknown.message and "'科室主任'" in unknown.message
    missing = next(e for e in result.errors if e.code == "missing_column")
    assert missing.column == "type"
    assert count(conn, institutions) == 0


# --- reassignment -----------------------------------------------------------------------


def test_doctors_file_moving_a_doctor_keeps_history(conn: Connection, tmp_path: Path) -> None:
    load(conn, "territories", "institutions", "departments", "doctors")
    dr1 = one(conn, doctors, code="DR001")
    xh, pd = one(conn, territories, code="T-XH"), one(conn, territories, code="T-PD")
    assert dr1["territory_id"] == xh["id"]
    path = write_csv(
        tmp_path / "move.csv",
        [
            ["code", "name", "institution_code", "department_name", "territory_code", "valid_from"],
            ["DR001", "李明", "H001", "心内科", "T-PD", "2026-12-01"],
        ],
    )
    result = run(conn, "doctors", path)
    assert (result.updated, result.unchanged) == (1, 0)
    history = conn.execute(
        sa.select(assignments.c.territory_id, assignments.c.valid_from, assignments.c.valid_to)
        .where(assignments.c.doctor_id == dr1["id"])
        .order_by(assignments.c.valid_from)
    ).all()
    assert [tuple(h) for h in history] == [
        (xh["id"], dt.date(2026, 11, 1), dt.date(2026, 11, 30)),
        (pd["id"], dt.date(2026, 12, 1), None),
    ]
    feed = {(r.scope, r.table_name, r.row_id): r.op for r in conn.execute(sa.select(sync_feed))}
    assert feed[(f"territory:{xh['id']}", "doctors", dr1["id"])] == "remove"
    assert feed[(f"territory:{pd['id']}", "doctors", dr1["id"])] == "upsert"
    assert one(conn, doctors, code="DR001")["territory_id"] == pd["id"]


# --- CLI --------------------------------------------------------------------------------


def test_cli_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--database-url", f"sqlite:///{tmp_path / 'cli.db'}"]
    assert main(["init-db", *db]) == 0
    work = tmp_path / "files"
    shutil.copytree(DATA, work)
    capsys.readouterr()

    assert main(["import", "territories", str(work / "territories.csv"), *db]) == 0
    out = capsys.readouterr().out
    assert "territories: created 3, updated 0, unchanged 0, rejected 0" in out

    assert main(["import", "institutions", str(work / "institutions_bad.csv"), *db]) == 1
    err = capsys.readouterr().err
    assert "line 3, level = '四级': not_allowed" in err and "nothing imported" in err
    with (work / "institutions_bad.errors.csv").open(encoding="utf-8-sig") as fh:
        report = list(csv.DictReader(fh))
    assert {(r["line"], r["column"], r["code"]) for r in report} >= {("3", "level", "not_allowed")}

    assert main(["import", "institutions", str(work / "institutions_bad.csv"), "--skip-invalid", *db]) == 2
    assert (work / "institutions_bad.rejects.csv").exists()
    assert "created 2" in capsys.readouterr().out

    assert main(["import", "users", str(work / "users.csv"), *db]) == 0
    out = capsys.readouterr().out
    passwords = work / "users.passwords.csv"
    assert "temporary passwords for 2 user(s)" in out
    assert stat.S_IMODE(passwords.stat().st_mode) == 0o600
    with passwords.open(encoding="utf-8-sig") as fh:
        generated = {r["username"]: r["temporary_password"] for r in csv.DictReader(fh)}
    assert set(generated) == {"rep_xh", "dm_sh1"}
    assert all(p not in out for p in generated.values())

    (work / "odd.csv").write_text("code,name,type,colour\nH9,医院,医院,红\n", encoding="utf-8")
    assert main(["import", "institutions", str(work / "odd.csv"), *db]) == 1
    assert "'colour'" in capsys.readouterr().err
    assert main(["import", "institutions", str(work / "missing.csv"), *db]) == 1

    engine = sa.create_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    with engine.connect() as c:
        assert c.execute(sa.select(sa.func.count()).select_from(institutions)).scalar_one() == 2
        assert c.execute(sa.select(sa.func.count()).select_from(users)).scalar_one() == 4
    engine.dispose()


def test_doctors_file_carries_product_potential_for_grading(conn: Connection,
                                                             tmp_path: Path) -> None:
    load(conn, "territories", "institutions", "departments", "doctors")
    product = conn.execute(sa.insert(synced["products"]).values(
        id=uuid.uuid4(), version=1, updated_at=dt.datetime.now(dt.UTC), deleted=False,
        code="LIPITOR", name="立普妥", active=True).returning(synced["products"].c.id)).scalar_one()
    header = ["code", "name", "institution_code", "department_name", "product_potential"]
    good = write_csv(tmp_path / "potential.csv",
                     [header, ["DR001", "李明", "H001", "心内科", "LIPITOR:4"]])
    result = run(conn, "doctors", good)
    assert result.ok and result.updated == 1, [e.describe() for e in result.errors]
    assert one(conn, doctors, code="DR001")["product_potential"] == {str(product): 4}
    for cell, code in (("LIPITOR:9", "invalid"), ("NOPE:3", "unknown_reference"),
                       ("LIPITOR", "invalid")):
        bad = write_csv(tmp_path / "bad.csv", [header, ["DR001", "李明", "H001", "心内科", cell]])
        refused = run(conn, "doctors", bad)
        assert not refused.written
        assert [(e.column, e.code) for e in refused.errors] == [("product_potential", code)]
    assert one(conn, doctors, code="DR001")["product_potential"] == {str(product): 4}
