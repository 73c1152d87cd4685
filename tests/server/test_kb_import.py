"""`kb import`: a folder of Markdown articles published idempotently, bad input reported."""

from __future__ import annotations

import csv
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from server.cli import main as server_main
from server.imports.runs import recent_runs
from server.kb.service import import_folder
from server.tables import knowledge_files, sync_counter, sync_feed, synced
from tests.factories import Factory
from tests.kb.kb_folder import article, pdf_bytes, sample_folder


def _product(engine: Engine, code: str = "P-CV01", name: str = "心安平") -> None:
    with engine.begin() as c:
        f = Factory(c)
        f._insert("products", code=code, name=name, active=True)
        f.publish()


def _import(engine: Engine, folder: Path, **kw: object):  # type: ignore[no-untyped-def]
    with engine.begin() as c:
        return import_folder(c, folder, **kw)  # type: ignore[arg-type]


def _counter(engine: Engine) -> int:
    with engine.connect() as c:
        return int(c.execute(sa.select(sync_counter.c.value)).scalar() or 0)


def test_import_creates_articles_attachments_and_files(engine: Engine, tmp_path: Path) -> None:
    _product(engine)
    result = _import(engine, sample_folder(tmp_path / "kb"))
    assert (result.created, result.updated, result.unchanged, result.errors) == (2, 0, 0, [])
    with engine.connect() as c:
        a = synced["knowledge_articles"]
        rows = {r.slug: r for r in c.execute(sa.select(a))}
        assert rows["gifts"].category == "compliance" and rows["gifts"].must_read is True
        assert rows["xap-manual"].article_version == 1 and len(rows["xap-manual"].product_ids) == 1
        att = c.execute(sa.select(synced["knowledge_attachments"])).one()
        assert (att.filename, att.mime_type, att.size_bytes) == (
            "manual.pdf", "application/pdf", len(pdf_bytes()))
        stored = c.execute(sa.select(knowledge_files.c.content)
                           .where(knowledge_files.c.sha256 == att.sha256)).scalar_one()
        assert bytes(stored) == pdf_bytes()


def test_reimport_unchanged_changes_nothing_and_an_edit_makes_one_entry(
        engine: Engine, tmp_path: Path) -> None:
    _product(engine)
    folder = sample_folder(tmp_path / "kb")
    _import(engine, folder)
    before = _counter(engine)
    again = _import(engine, folder)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert _counter(engine) == before  # no feed entry, no version bump
    article(folder, "gifts", title="礼品与招待规定", category="合规", must_read="true",
            body="修订：不得提供任何形式的利益。")
    edited = _import(engine, folder)
    assert (edited.updated, edited.unchanged) == (1, 1)
    assert _counter(engine) == before + 1
    with engine.connect() as c:
        a = synced["knowledge_articles"]
        row = c.execute(sa.select(a).where(a.c.slug == "gifts")).one()
        assert row.article_version == 2 and "修订" in row.body
        entries = c.execute(sa.select(sync_feed.c.seq).where(sync_feed.c.row_id == row.id)).all()
        assert len(entries) == 1


def test_removed_attachment_is_tombstoned(engine: Engine, tmp_path: Path) -> None:
    _product(engine)
    folder = sample_folder(tmp_path / "kb")
    _import(engine, folder)
    article(folder, "xap-manual", title="心安平产品手册", products=["P-CV01"],
            tags=["心安平", "手册"], body="# 心安平\n\n单片复方，一天一次，24小时平稳降压。")
    result = _import(engine, folder)
    assert result.updated == 1
    with engine.connect() as c:
        att = c.execute(sa.select(synced["knowledge_attachments"])).one()
        assert att.deleted is True
        op = c.execute(sa.select(sync_feed.c.op).where(sync_feed.c.row_id == att.id)).scalar_one()
        assert op == "delete"


def test_bad_input_is_reported_and_nothing_is_written(engine: Engine, tmp_path: Path) -> None:
    _product(engine)
    folder = sample_folder(tmp_path / "kb")
    (folder / "broken.md").write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    (folder / "nofront.md").write_text("just text\n", encoding="utf-8")
    article(folder, "missing", title="缺附件", attachments=["nowhere.pdf"])
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.4 this is not a pdf")
    article(folder, "corrupt", title="坏PDF", attachments=["corrupt.pdf"])
    article(folder, "hash", title="哈希", attachments=[
        "{file: manual.pdf, sha256: " + "0" * 64 + "}"])
    article(folder, "badcat", title="分类", category="gossip", valid_until="2026/12/31")
    article(folder, "badref", title="产品", products=["P-NOPE"])
    before = _counter(engine)
    result = _import(engine, folder)
    assert not result.written and _counter(engine) == before
    codes = {(e.column.split(":")[0], e.code) for e in result.errors}
    assert {("broken.md", "bad_front_matter"), ("nofront.md", "bad_front_matter"),
            ("missing.md", "missing_file"), ("corrupt.md", "bad_pdf"),
            ("hash.md", "hash_mismatch"), ("badcat.md", "not_allowed"),
            ("badcat.md", "bad_date"), ("badref.md", "unknown_reference")} <= codes
    with engine.connect() as c:
        assert c.execute(sa.select(sa.func.count()).select_from(
            synced["knowledge_articles"])).scalar_one() == 0


def test_cli_skip_invalid_imports_the_rest_and_writes_the_errors_file(
        engine: Engine, tmp_path: Path) -> None:
    _product(engine)
    folder = sample_folder(tmp_path / "kb")
    article(folder, "missing", title="缺附件", attachments=["nowhere.pdf"])
    url = engine.url.render_as_string(hide_password=False)
    assert server_main(["kb", "import", str(folder), "--database-url", url]) == 1
    report = tmp_path / "kb.errors.csv"
    with report.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["column"], r["code"]) for r in rows] == [("missing.md: attachments", "missing_file")]
    assert server_main(["kb", "import", str(folder), "--skip-invalid", "--database-url", url]) == 2
    with engine.connect() as c:
        assert c.execute(sa.select(sa.func.count()).select_from(
            synced["knowledge_articles"])).scalar_one() == 2
        runs = recent_runs(c)  # the import history the admin reads
    assert [(r["kind"], r["source"], r["status"], r["created"], r["rejected"]) for r in runs] == [
        ("kb", "kb", "partial", 2, 1), ("kb", "kb", "refused", 0, 1)]
    assert all(r["errors_file"].endswith("kb.errors.csv") for r in runs)
    assert server_main(["kb", "import", str(tmp_path / "nope"), "--database-url", url]) == 1


def test_products_and_competitor_products_import_from_csv(engine: Engine, tmp_path: Path) -> None:
    from server.imports.service import import_file

    products = tmp_path / "products.csv"
    products.write_text("产品编码,产品名称,英文名,通用名,治疗领域\n"
                        "P-CV01,心安平,Xin'anping,缬沙坦氨氯地平片,心血管\n"
                        "P-DM01,糖适宁,Tangshining,达格列净片,内分泌\n", encoding="utf-8")
    competitors = tmp_path / "competitors.csv"
    competitors.write_text("竞品名称,生产企业,我方产品编码,描述\n平压达,华康制药,P-CV01,缬沙坦单方\n"
                           "无名药,某公司,P-NOPE,\n", encoding="utf-8")
    with engine.begin() as c:
        first = import_file(c, "products", products)
    assert (first.created, first.errors) == (2, [])
    with engine.begin() as c:
        again = import_file(c, "products", products)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    with engine.begin() as c:
        refused = import_file(c, "competitor_products", competitors)
    assert [e.code for e in refused.errors] == ["unknown_reference"] and not refused.written
    with engine.begin() as c:
        partial = import_file(c, "competitor_products", competitors, skip_invalid=True)
    assert (partial.created, partial.rejected) == (1, 1)
    with engine.connect() as c:
        p, cp = synced["products"], synced["competitor_products"]
        row = c.execute(sa.select(cp.c.name, p.c.code).join(
            p, p.c.id == cp.c.competes_with_product_id)).one()
    assert tuple(row) == ("平压达", "P-CV01")
