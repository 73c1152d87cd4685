"""Organisation and master data: regions → districts → territories, users, institutions,
departments, doctors (graded) and assignments.

Everything comes from one ``random.Random`` passed in, in a fixed order, so the same
seed gives the same rows. Rows go straight to a ``BulkLoader``; only the compact
facts later generators need (``World``) stay in memory.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from domain.grading import DoctorAttributes, grade_doctor
from server.demo import names
from server.demo.bulk import BulkLoader
from server.demo.catalogue import Catalogue, Product, demo_grading_rule
from server.demo.scale import Scale

NewId = Callable[[], str]
NO_USER = "00000000-0000-0000-0000-000000000000"

LEVEL_FACTOR = {"3A": 1.0, "3B": 0.7, "3C": 0.6, "2A": 0.5, "2B": 0.4, "2C": 0.35, "1": 0.15,
                "unrated": 0.1}
EXTRA_DOCTOR_WEIGHT = {"3A": 40, "3B": 15, "3C": 10, "2A": 6, "2B": 4, "2C": 3, "1": 1,
                       "unrated": 0.5, None: 0.2}
BEDS = {"3A": (1000, 3500), "3B": (500, 1200), "3C": (300, 600), "2A": (200, 600),
        "2B": (100, 300), "2C": (80, 200), "1": (20, 80), "unrated": (0, 20)}
TITLE_SHARES = (("chief", 12), ("associate_chief", 25), ("attending", 38), ("resident", 25))
COMMUNITY_TITLE_SHARES = (("associate_chief", 5), ("attending", 45), ("resident", 50))


@dataclass(slots=True)
class Territory:
    id: str
    district_id: str
    region_id: str
    city: str
    rep_id: str = NO_USER  # set when the users are made
    dm_id: str = NO_USER
    doctors: list[DoctorFact] = field(default_factory=list)


@dataclass(slots=True)
class DoctorFact:
    """What visits, events and sales need to know about a doctor."""

    id: str
    institution_id: str
    department_id: str | None
    grade: str
    products: list[Product]  # most promising first
    institution_name: str
    department_name: str


@dataclass(slots=True)
class World:
    territories: list[Territory]
    dms: list[tuple[str, str, str]]  # (dm_id, rm_id, district_id)
    sign_ins: list[str]


def numeral(n: int) -> str:
    return names.CHINESE_NUMERALS[n - 1] if n <= len(names.CHINESE_NUMERALS) else str(n)


def spread(total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` near-equal whole numbers."""
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def person_name(rng: random.Random, female: bool | None = None) -> tuple[str, str]:
    if female is None:
        female = rng.random() < 0.45
    surname = rng.choices(SURNAME_LIST, cum_weights=SURNAME_CUM)[0]
    given = rng.choice(names.GIVEN_FEMALE if female else names.GIVEN_MALE)
    return surname + given, "female" if female else "male"


SURNAME_LIST = [s for s, _ in names.SURNAMES]
SURNAME_CUM = list(itertools.accumulate(w for _, w in names.SURNAMES))


def mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"


# --- organisation ---------------------------------------------------------------------


def make_org(rng: random.Random, new_id: NewId, scale: Scale, loader: BulkLoader,
             password_hash: str, changed_at: dt.datetime) -> World:
    """Regions, districts, territories and users (admin, RMs, DMs, reps)."""
    area_weight = {a: sum(c[5] for c in names.CITIES if c[2] == a) for a in names.AREAS}
    areas = sorted(names.AREAS, key=lambda a: (-area_weight[a], names.AREAS.index(a)))
    region_areas = [areas[i % len(areas)] for i in range(scale.regions)]
    per_area = {a: region_areas.count(a) for a in areas}
    seen_in_area: dict[str, int] = {}
    region_rows = []
    for i, area in enumerate(region_areas):
        k = seen_in_area[area] = seen_in_area.get(area, 0) + 1
        name = f"{area}大区" if per_area[area] == 1 else f"{area}{numeral(k)}区"
        region_rows.append({"id": new_id(), "code": f"R{i + 1:02d}", "name": name, "_area": area,
                            "_k": k - 1})
    district_counts = spread(scale.districts, scale.regions)
    district_rows: list[dict[str, object]] = []
    city_district_names: dict[str, list[dict[str, object]]] = {}
    for region, n_districts in zip(region_rows, district_counts, strict=True):
        area = str(region["_area"])
        cities = sorted((c for c in names.CITIES if c[2] == area), key=lambda c: -c[5])
        mine = [c for j, c in enumerate(cities) if j % per_area[area] == region["_k"]] or cities
        assigned = dict.fromkeys((c[0] for c in mine), 0)
        for _ in range(n_districts):  # D'Hondt: big cities get more districts
            city = max(mine, key=lambda c: c[5] / (assigned[c[0]] + 1))
            assigned[city[0]] += 1
            row = {"id": new_id(), "region_id": region["id"], "_city": city}
            district_rows.append(row)
            city_district_names.setdefault(city[0], []).append(row)
    for city_name, rows in city_district_names.items():
        for k, row in enumerate(rows, 1):
            row["name"] = f"{city_name}区" if len(rows) == 1 else f"{city_name}{numeral(k)}区"
    for i, row in enumerate(district_rows, 1):
        row["code"] = f"D{i:03d}"

    for r in region_rows:
        loader.add("regions", {"id": r["id"], "code": r["code"], "name": r["name"]})
    for d in district_rows:
        loader.add("districts", {"id": d["id"], "region_id": d["region_id"], "code": d["code"],
                                 "name": d["name"]})

    territories: list[Territory] = []
    used_names: set[str] = set()
    rep_counts = spread(scale.reps, scale.districts)
    territory_district: list[dict[str, object]] = []
    for d, n_reps in zip(district_rows, rep_counts, strict=True):
        city = d["_city"][0]  # type: ignore[index]
        for _ in range(n_reps):
            base = f"{city}{rng.choice(names.COUNTIES)[:-1]}片区"
            name, k = base, 1
            while name in used_names:
                k += 1
                name = f"{base}{numeral(k)}"
            used_names.add(name)
            t = Territory(new_id(), d["id"], d["region_id"], city)  # type: ignore[arg-type]
            territories.append(t)
            territory_district.append(d)
            loader.add("territories", {"id": t.id, "district_id": t.district_id,
                                       "code": f"T{len(territories):04d}", "name": name})

    def user(username: str, role: str, **kw: object) -> str:
        uid = new_id()
        display, _ = person_name(rng)
        if role == "admin":
            display = "系统管理员"
        loader.add("users", {"id": uid, "username": username, "display_name": display, "role": role,
                             "email": f"{username}@fieldrep.demo", "phone": mobile(rng),
                             "active": True, **kw})
        # Demo sign-ins share ONE argon2 hash of "fieldrep": hashing costs ~50 ms, so a
        # hash per user would add minutes at large scale for no benefit in a demo.
        loader.add_plain("credentials", {"user_id": uid, "password_hash": password_hash,
                                         "changed_at": changed_at})
        return uid

    user("admin", "admin")
    rm_by_region = {r["id"]: user(f"rm{i:03d}", "rm", region_id=r["id"])
                    for i, r in enumerate(region_rows, 1)}
    dm_by_district: dict[object, str] = {}
    dms: list[tuple[str, str, str]] = []
    for i, d in enumerate(district_rows, 1):
        rm = rm_by_region[d["region_id"]]
        dm = dm_by_district[d["id"]] = user(f"dm{i:03d}", "dm", region_id=d["region_id"],
                                             district_id=d["id"], manager_id=rm)
        dms.append((dm, rm, str(d["id"])))
    for i, t in enumerate(territories, 1):
        t.dm_id = dm_by_district[t.district_id]
        t.rep_id = user(f"rep{i:03d}", "rep", region_id=t.region_id, district_id=t.district_id,
                        territory_id=t.id, manager_id=t.dm_id)
    sign_ins = ["admin", "rm001", "dm001", "rep001"]
    if len(territories) > 1:
        sign_ins.append("rep002")
    return World(territories, dms, sign_ins)


# --- institutions, departments, doctors -----------------------------------------------


@dataclass(slots=True)
class _Institution:
    id: str
    row: dict[str, object]
    level: str | None
    kind: str
    doctors: int
    departments: list[_Department] = field(default_factory=list)


@dataclass(slots=True)
class _Department:
    id: str | None
    name: str
    area: str | None
    outpatient: int | None
    beds: int | None
    territory: Territory
    doctors: int = 0


def _institution_name(rng: random.Random, level: str | None, city: str, seen: dict[str, int]) -> str:
    county = rng.choice(names.COUNTIES)
    street = rng.choice(names.STREETS)
    if level is None:
        name = f"{rng.choice(names.PHARMACY_BRANDS)}大药房（{street}{rng.randint(1, 999)}号店）"
    elif level.startswith("3"):
        n = seen.get(f"{city}#3", 0) + 1
        seen[f"{city}#3"] = n
        templates = (f"{city}市第{numeral(n)}人民医院", f"{city}市中医院", f"{city}市中心医院",
                     f"{city}医科大学附属第{numeral(n)}医院", f"{city}市中西医结合医院",
                     f"{city}市肿瘤医院", f"{city}市胸科医院", f"{city}大学附属医院")
        name = templates[0] if n % 3 == 1 else rng.choice(templates)
    elif level.startswith("2"):
        name = rng.choice((f"{city}市{county}人民医院", f"{city}市{county}中医医院",
                           f"{city}市{county}第{numeral(rng.randint(1, 5))}医院",
                           f"{city}市{county}妇幼保健院", f"{city}{county}中心医院"))
    elif level == "1":
        name = rng.choice((f"{city}市{county}{street}社区卫生服务中心",
                           f"{city}市{county}{street[:-1]}街道社区卫生服务中心"))
    else:
        name = rng.choice((f"{city}{county}{street}门诊部", f"{city}{county}{street}诊所"))
    k = seen.get(name, 0)
    seen[name] = k + 1
    return name if k == 0 else f"{name}（{numeral(k + 1)}部）" if k < 20 else f"{name}（{k + 1}）"


def make_master_data(rng: random.Random, new_id: NewId, scale: Scale, world: World,
                     catalogue: Catalogue, loader: BulkLoader, today: dt.date) -> None:
    """Institutions, departments, graded doctors and their assignments."""
    by_district: dict[str, list[Territory]] = {}
    for t in world.territories:
        by_district.setdefault(t.district_id, []).append(t)
    district_ids = list(by_district)
    city_info = {c[0]: c for c in names.CITIES}
    levels = [lv for lv, _ in names.HOSPITAL_LEVEL_SHARES] + [None]
    level_weights = [w for _, w in names.HOSPITAL_LEVEL_SHARES] + [names.PHARMACY_SHARE]

    insts: list[_Institution] = []
    seen_names: dict[str, int] = {}
    for district_id, n in zip(district_ids, spread(scale.institutions, len(district_ids)), strict=True):
        city, province, _, lat, lon, _ = city_info[by_district[district_id][0].city]
        for _ in range(n):
            level = rng.choices(levels, level_weights)[0]
            kind = ("pharmacy" if level is None else "community" if level == "1"
                    else "clinic" if level == "unrated" else "hospital")
            name = _institution_name(rng, level, city, seen_names)
            county, street = rng.choice(names.COUNTIES), rng.choice(names.STREETS)
            prefix = "" if province.startswith(city) else province
            beds = rng.randint(*BEDS[level]) if level else None
            iid = new_id()
            row: dict[str, object] = {
                "id": iid, "code": f"H{len(insts) + 1:06d}", "name": name, "level": level,
                "type": kind, "province": province, "city": f"{city}市", "county": county,
                "address": f"{prefix}{city}市{county}{street}{rng.randint(1, 999)}号",
                "latitude": round(lat + rng.gauss(0, 0.07), 6),
                "longitude": round(lon + rng.gauss(0, 0.08), 6),
                "beds": beds, "phone": f"0{rng.randint(10, 999)}-{rng.randrange(10**7, 10**8)}",
                "status": "active", "_district": district_id}
            insts.append(_Institution(iid, row, level, kind, 1))
    # Every institution has at least one contact; the rest go mostly to big hospitals.
    extra = max(0, scale.doctors - len(insts))
    weights = [EXTRA_DOCTOR_WEIGHT[i.level] for i in insts]
    for inst in rng.choices(insts, weights, k=extra):
        inst.doctors += 1

    for inst in insts:
        team = by_district[inst.row["_district"]]  # type: ignore[index]
        factor = LEVEL_FACTOR.get(inst.level or "", 0.0)
        if inst.kind == "pharmacy":
            inst.departments.append(_Department(None, "药房", None, None, None, rng.choice(team)))
        elif inst.kind in ("community", "clinic"):
            n_depts = 1 if inst.kind == "clinic" or inst.doctors < 3 else 2
            for dept in rng.sample(names.COMMUNITY_DEPARTMENTS, n_depts):
                inst.departments.append(_Department(
                    new_id(), dept, "cardio" if dept == "慢病管理科" else None,
                    int(rng.randint(300, 1500) * (factor + 0.2)), rng.randint(0, 20), rng.choice(team)))
        else:
            n_depts = max(1, min(len(names.DEPARTMENTS), math.ceil(inst.doctors / 5)))
            core, other = list(names.DEPARTMENTS[:5]), list(names.DEPARTMENTS[5:])
            chosen = rng.sample(core, min(n_depts, 5)) + rng.sample(other, max(0, n_depts - 5))
            for dname, area, (olo, ohi), (blo, bhi) in chosen:
                inst.departments.append(_Department(
                    new_id(), dname, area, int(rng.randint(olo, ohi) * factor),
                    int(rng.randint(blo, bhi) * factor), rng.choice(team)))
        for k in range(inst.doctors):
            inst.departments[k % len(inst.departments)].doctors += 1

    # Membership: an institution/department is published to each territory holding one
    # of its doctors.
    for inst in insts:
        scopes = sorted({f"territory:{d.territory.id}" for d in inst.departments if d.doctors})
        row = {k: v for k, v in inst.row.items() if not k.startswith("_")}
        loader.add("institutions", row, scopes)
        for d in inst.departments:
            if d.id is not None:
                loader.add("departments", {"id": d.id, "institution_id": inst.id, "name": d.name,
                                           "outpatient_per_month": d.outpatient, "beds": d.beds},
                           [f"territory:{d.territory.id}"])

    rule = demo_grading_rule()
    best_times = ("周一上午", "周二上午", "周三下午", "周四上午", "周五下午", "门诊结束后")
    code = 0
    for inst in insts:
        for d in inst.departments:
            for _ in range(d.doctors):
                code += 1
                _make_doctor(rng, new_id, loader, catalogue, rule, inst, d, code, best_times, today)


def _make_doctor(rng: random.Random, new_id: NewId, loader: BulkLoader, catalogue: Catalogue,
                 rule: object, inst: _Institution, d: _Department, code: int,
                 best_times: tuple[str, ...], today: dt.date) -> None:
    name, gender = person_name(rng)
    if inst.kind == "pharmacy":
        title = "pharmacist"
    elif inst.kind == "hospital":
        title = rng.choices([t for t, _ in TITLE_SHARES], [w for _, w in TITLE_SHARES])[0]
    else:
        title = rng.choices([t for t, _ in COMMUNITY_TITLE_SHARES],
                            [w for _, w in COMMUNITY_TITLE_SHARES])[0]
    focus = catalogue.products_for_area(d.area)
    potential: dict[str, int] = {}
    for p in focus:
        potential[str(p.id)] = rng.choices((1, 2, 3, 4, 5), (1, 2, 3, 3, 2))[0]
    for p in rng.sample(catalogue.products, 2 if focus else 3):
        potential.setdefault(str(p.id), rng.choice((0, 1, 1, 2, 2, 3)))
    result = grade_doctor(DoctorAttributes(inst.level, title, d.outpatient, d.beds, potential),
                          rule)  # type: ignore[arg-type]
    did = new_id()
    specialties = names.SPECIALTIES.get(d.name)
    loader.add("doctors", {
        "id": did, "code": f"DR{code:07d}", "name": name, "gender": gender,
        "institution_id": inst.id, "department_id": d.id, "title": title,
        "position": rng.choice(names.POSITIONS_BY_TITLE[title]),
        "specialty": rng.choice(specialties) if specialties else None,
        "phone": mobile(rng), "product_potential": potential,
        "custom_fields": {"best_visit_time": rng.choice(best_times)}, "status": "active",
        "grade": result.grade, "grade_score": result.score,
        "grade_explanation": result.explanation, "territory_id": d.territory.id,
    })
    valid_from = today - dt.timedelta(days=rng.randint(200, 1500))
    loader.add("assignments", {"id": new_id(), "doctor_id": did, "territory_id": d.territory.id,
                               "valid_from": valid_from, "valid_to": None, "reason": "初始分配"})
    ranked = sorted(catalogue.products, key=lambda p: -potential.get(str(p.id), 0))
    d.territory.doctors.append(DoctorFact(
        did, inst.id, d.id, result.grade, [p for p in ranked if potential.get(str(p.id), 0) > 0]
        or ranked[:1], str(inst.row["name"]), d.name))
