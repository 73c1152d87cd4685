"""CSV safety (issue 21): no formula reaches an operator's spreadsheet, no formula-like
name and no control character gets in, and a database refusal is a row error with
its line, never raw SQL. Both databases (the ``conn`` fixture)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from server.imports.csv_safety import FORMULA_STARTS, neutralise
from server.imports.org import temporary_password
from server.imports.reports import write_errors, write_rejects
from server.tables import doctors
from tests.server.test_imports import DATA, load, run

HEADER = "code,name,institution_code,specialty,territory_code"


def doctors_file(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "doctors.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


@pytest.mark.parametrize("name", ["=HYPERLINK(A1)", "+1+1", "-2+3", "@SUM(A1)", "=1;cmd"])
def test_a_formula_like_name_is_refused_as_a_row_error(
        conn: Connection, tmp_path: Path, name: str) -> None:
    load(conn, "territories", "institutions")
    path = doctors_file(tmp_path, f'DR901,"{name}",H001,,T-XH', "DR902,李明,H001,,T-XH")
    result = run(conn, "doctors", path)
    assert not result.written
    assert [(e.line, e.column, e.code) for e in result.errors] == [(2, "name", "formula_like")]


@pytest.mark.parametrize("cell", ["李\x00明", "李明\x07", "\x1b[31m李明"])
def test_a_control_character_is_refused_with_its_line_and_column(
        conn: Connection, tmp_path: Path, cell: str) -> None:
    load(conn, "territories", "institutions")
    path = doctors_file(tmp_path, "DR902,王芳,H001,,T-XH", f"DR901,{cell},H001,,T-XH")
    result = run(conn, "doctors", path, skip_invalid=True)
    assert [(e.line, e.column, e.code) for e in result.errors] == [(3, "name", "control_character")]
    assert "character" in result.errors[0].message and "U+00" in result.errors[0].message
    names = set(conn.execute(sa.select(doctors.c.name)).scalars())
    assert "王芳" in names and not any("\x00" in n or "\x07" in n for n in names)
    assert "\x00" not in write_errors(result).read_text(encoding="utf-8-sig")


def test_reports_neutralise_every_formula_cell(conn: Connection, tmp_path: Path) -> None:
    load(conn, "territories", "institutions")
    path = doctors_file(tmp_path, 'DR901,"=HYPERLINK(""http://x"")",H001,"=1+1",T-NOPE',
                        "DR902,王芳,H404,@cmd,T-XH", "DR903,李明,H001,-5,T-XH")
    result = run(conn, "doctors", path, skip_invalid=True)
    assert result.rejected == 2
    cells = [c for row in read(write_rejects(result)) + read(write_errors(result)) for c in row]
    assert not [c for c in cells if c.startswith(FORMULA_STARTS) and c != "-5"], cells
    assert "'=1+1" in cells and "'@cmd" in cells and "'=HYPERLINK(\"http://x\")" in cells


def test_a_fixed_rejects_file_imports_its_cells_as_first_written(
        conn: Connection, tmp_path: Path) -> None:
    load(conn, "territories", "institutions")
    path = doctors_file(tmp_path, "DR901,王芳,H001,=抗凝,T-NOPE")
    rejects = write_rejects(run(conn, "doctors", path, skip_invalid=True))
    rows = read(rejects)
    assert rows[1][3] == "'=抗凝"
    rows[1][4] = "T-XH"
    with rejects.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    assert run(conn, "doctors", rejects).created == 1
    assert conn.execute(sa.select(doctors.c.specialty).where(doctors.c.code == "DR901")
                        ).scalar_one() == "=抗凝"


def test_a_database_refusal_is_a_row_error_without_sql(conn: Connection, tmp_path: Path) -> None:
    load(conn, "territories", "institutions")
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text(
            "CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "IF NEW.name = 'BOOM' THEN RAISE EXCEPTION 'no BOOM doctors here'; END IF; "
            "RETURN NEW; END $$"))
        conn.execute(sa.text("CREATE TRIGGER refuse_boom BEFORE INSERT ON doctors "
                             "FOR EACH ROW EXECUTE FUNCTION refuse_boom()"))
    else:
        conn.execute(sa.text(
            "CREATE TEMP TRIGGER refuse_boom BEFORE INSERT ON doctors WHEN NEW.name = 'BOOM' "
            "BEGIN SELECT RAISE(ABORT, 'no BOOM doctors here'); END"))
    path = doctors_file(tmp_path, "DR901,王芳,H001,,T-XH", "DR902,BOOM,H001,,T-XH",
                        "DR903,李明,H001,,T-XH")

    strict = run(conn, "doctors", path)
    assert not strict.written
    assert [(e.line, e.code) for e in strict.errors] == [(3, "database_error")]
    assert conn.execute(sa.select(sa.func.count()).select_from(doctors)).scalar_one() == 0

    lenient = run(conn, "doctors", path, skip_invalid=True)
    assert (lenient.created, lenient.rejected) == (2, 1)
    (error,) = lenient.errors
    assert error.line == 3 and "no BOOM doctors here" in error.message
    assert "INSERT" not in error.message and "DR902" not in error.message


def test_temporary_passwords_never_look_like_formulas() -> None:
    assert all(neutralise(p) == p for p in (temporary_password() for _ in range(2000)))
    assert DATA.is_dir()
