"""Read side of the Doctors screen: search index, filters, rows and detail on a real replica."""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from domain.calendar import CompanyCalendar
from local_store.read.doctor_index import load_doctor_index
from local_store.read.doctors import (
    DoctorFilter,
    doctor_count,
    doctor_detail,
    doctor_ids,
    doctor_rows,
    filter_options,
    key_of,
)
from local_store.read.search import (
    after_page_applied,
    doctor_search,
    doctors_to_reindex,
    name_pinyin,
)
from local_store.replica import synced
from tests.local_store.test_read_world import TODAY, ReadWorld, build_world


def _names(replica: Engine, flt: DoctorFilter) -> list[str]:
    with replica.connect() as conn:
        keys = doctor_ids(conn, flt, TODAY)
        rows = doctor_rows(conn, keys, TODAY)
    return [rows[k].name for k in keys]


def test_name_pinyin_reads_surnames_and_keeps_the_dictionary_reading() -> None:
    assert name_pinyin("张伟") == ("zhangwei", "zw", "")
    assert name_pinyin("曾强") == ("zengqiang", "zq", "cengqiang")
    assert name_pinyin("欧阳子轩")[:2] == ("ouyangzixuan", "oyzx")


def test_search_by_chinese_full_pinyin_partial_pinyin_initials_and_institution(replica: Engine) -> None:
    build_world(replica)
    assert _names(replica, DoctorFilter(query="张伟")) == ["张伟"]
    # 张伟 and 张薇 are both zhangwei: pinyin finds both, the characters only one.
    assert _names(replica, DoctorFilter(query="zhangwei")) == ["张伟", "张薇"]
    assert _names(replica, DoctorFilter(query="Zhang Wei")) == ["张伟", "张薇"]
    assert _names(replica, DoctorFilter(query="zw")) == ["张伟", "张薇"]
    assert _names(replica, DoctorFilter(query="lm")) == ["李明"]
    assert _names(replica, DoctorFilter(query="zhang")) == ["张伟", "张薇"]
    assert _names(replica, DoctorFilter(query="zeng")) == ["曾强"]
    assert _names(replica, DoctorFilter(query="ceng")) == ["曾强"]
    assert _names(replica, DoctorFilter(query="协和")) == ["张伟", "张薇"]
    assert _names(replica, DoctorFilter(query="人民医院")) == ["李明", "曾强"]
    assert _names(replica, DoctorFilter(query="nobody")) == []


def test_list_is_in_pinyin_order_and_hides_inactive_unless_asked(replica: Engine) -> None:
    build_world(replica)
    assert _names(replica, DoctorFilter()) == ["李明", "曾强", "张伟", "张薇"]
    assert "王芳" in _names(replica, DoctorFilter(include_inactive=True))
    assert _names(replica, DoctorFilter(order="grade")) == ["张伟", "张薇", "李明", "曾强"]


def test_filters_by_institution_department_title_and_grade(replica: Engine) -> None:
    w = build_world(replica)
    assert _names(replica, DoctorFilter(institution_id=key_of(w.ids["rm"]))) == ["李明", "曾强"]
    assert _names(replica, DoctorFilter(department_id=key_of(w.ids["xh_endo"]))) == ["张薇"]
    assert _names(replica, DoctorFilter(title="chief")) == ["张伟"]
    assert _names(replica, DoctorFilter(grade="C")) == ["李明"]
    assert _names(replica, DoctorFilter(grade="A", query="li")) == []


def test_behind_on_frequency_prorates_the_grade_rule_by_day_of_month(replica: Engine) -> None:
    build_world(replica)
    # March 16 of 31 days: A 8 -> 4 due (has 1), B 4 -> 2 (has 2), C 2 -> 1 (has 0), D 1 -> 0.
    assert _names(replica, DoctorFilter(behind=True)) == ["李明", "张伟"]
    with replica.connect() as conn:
        first_day = doctor_ids(conn, DoctorFilter(behind=True), dt.date(2026, 3, 1))
    assert first_day == []


def test_behind_uses_the_synced_frequency_rule(replica: Engine) -> None:
    w = build_world(replica)
    w.insert("frequency_rules", name="strict", visits_per_month={"A": 1, "B": 8, "C": 0, "D": 0},
             rule_version=2, active=True)
    assert _names(replica, DoctorFilter(behind=True)) == ["张薇"]


def test_rows_carry_visits_this_month_required_and_last_visit(replica: Engine) -> None:
    w = build_world(replica)
    with replica.connect() as conn:
        rows = doctor_rows(conn, [key_of(w.ids["zw"]), key_of(w.ids["lm"]), uuid.uuid4().hex], TODAY)
    zw = rows[key_of(w.ids["zw"])]
    assert (zw.name, zw.institution, zw.department, zw.title, zw.grade) == (
        "张伟", "北京协和医院", "心内科", "chief", "A")
    assert (zw.visits_this_month, zw.required, zw.expected_by_now, zw.behind) == (1, 8, 4, True)
    assert zw.last_visit is not None and CompanyCalendar().local_date(zw.last_visit) == dt.date(2026, 3, 2)
    lm = rows[key_of(w.ids["lm"])]
    assert (lm.visits_this_month, lm.required, lm.behind, lm.last_visit) == (0, 2, True, None)
    assert len(rows) == 2


def test_detail_has_profile_explanation_history_newest_first_and_upcoming(replica: Engine) -> None:
    w = build_world(replica)
    with replica.connect() as conn:
        detail = doctor_detail(conn, w.ids["zw"], TODAY)
        assert doctor_detail(conn, uuid.uuid4(), TODAY) is None
    assert detail is not None
    assert detail.profile["name"] == "张伟" and detail.profile["institution_name"] == "北京协和医院"
    assert detail.grade == "A"
    assert detail.explanation[0]["attribute"] == "hospital_level"
    assert [v.purpose for v in detail.visits] == ["产品介绍", "二月最后一晚", "上月拜访"]
    assert [p.objective for p in detail.upcoming] == ["介绍新适应症"]
    assert detail.gap.behind and detail.gap.done == 1


def test_filter_options_and_count(replica: Engine) -> None:
    w = build_world(replica)
    with replica.connect() as conn:
        options = filter_options(conn)
        assert doctor_count(conn) == 5
    assert [n for _k, n in options.institutions] == ["上海市第一人民医院", "北京协和医院"]
    assert key_of(w.ids["ph"]) not in {k for k, _n in options.institutions}
    assert sorted(n for _k, _i, n in options.departments) == ["内分泌科", "心内科", "心内科"]
    assert options.grades == ["A", "B", "C", "D"]
    assert "chief" in options.titles


def test_sync_hook_reindexes_changed_doctors_institutions_and_drops_vanished(replica: Engine) -> None:
    w: ReadWorld = build_world(replica)
    doctors, institutions = synced["doctors"], synced["institutions"]
    with replica.begin() as conn:
        conn.execute(sa.update(doctors).where(doctors.c.id == w.ids["lm"]).values(name="单丽"))
        conn.execute(sa.update(institutions).where(institutions.c.id == w.ids["xh"])
                     .values(name="协和医院东院"))
        conn.execute(sa.delete(doctors).where(doctors.c.id == w.ids["cq"]))
        after_page_applied(conn, {"doctors": [w.ids["lm"]], "institutions": [w.ids["xh"]]},
                           rows_left=True)
    assert _names(replica, DoctorFilter(query="shanli")) == ["单丽"]
    assert _names(replica, DoctorFilter(query="东院")) == ["张伟", "张薇"]
    assert _names(replica, DoctorFilter(query="zeng")) == []
    with replica.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(doctor_search)).scalar() == 4
        assert len(load_doctor_index(conn)) == 4


def _stored(replica: Engine, doctor_id: uuid.UUID, **changes: object) -> tuple[object, ...]:
    """The doctor's row as the replica stores it, after ``changes`` (written first)."""
    doctors = synced["doctors"]
    with replica.begin() as conn:
        if changes:
            conn.execute(sa.update(doctors).where(doctors.c.id == doctor_id).values(**changes))
        return tuple(conn.exec_driver_sql("SELECT * FROM doctors WHERE id = ?",
                                          (doctor_id.hex,)).one())


def test_a_pulled_doctor_is_indexed_again_only_when_its_entry_would_change(
        replica: Engine) -> None:
    w: ReadWorld = build_world(replica)
    phone = _stored(replica, w.ids["zw"], phone="13911112222")
    renamed = _stored(replica, w.ids["lm"], name="单丽")
    gone = _stored(replica, w.ids["cq"], deleted=True)
    with replica.begin() as conn:
        assert doctors_to_reindex(conn, {w.ids["zw"].hex: phone}) == []
        after_page_applied(conn, {"doctors": [w.ids["zw"], w.ids["lm"], w.ids["cq"]]},
                           rows_left=False, doctor_rows={w.ids["zw"].hex: phone,
                                                         w.ids["lm"].hex: renamed,
                                                         w.ids["cq"].hex: gone})
    assert _names(replica, DoctorFilter(query="shanli")) == ["单丽"]
    assert _names(replica, DoctorFilter(query="zeng")) == []
    assert "张伟" in _names(replica, DoctorFilter(query="zhangwei"))  # (kept as it was)
