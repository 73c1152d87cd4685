"""Benchmark: the knowledge base offline (search, sync, attachments, PDF pages).

- ``kb.sync_5000_articles_s`` — a first sync of a server holding 5,000 articles (and
  one 5 MB attachment, whose bytes are not part of it): ``SyncEngine.run`` plus the
  search table refresh the app runs in the same task, into an encrypted (SQLCipher)
  replica.
  Target ≤ 3 s.
- ``kb.trigram_index_5000_articles_s`` — the FTS5 trigram index of those articles, the
  writer task the app runs after the sync has reported (searches scan until it is done).
- ``kb.search_ms`` — median of searches over those 5,000 articles on the replica: a
  mix of 1-, 2- and 3+-character Chinese queries, English, pinyin initials and mixed
  queries, some with a category filter. Target ≤ 30 ms (``max`` is the slowest query).
- ``kb.noop_sync_bytes`` — bytes on the wire (both ways, headers included, counted by a
  TCP proxy) of a sync with nothing new plus the attachment step after it, with the 5 MB
  attachment already on the device. Target ≤ 10,000.
- ``kb.pdf_page_render_ms`` — median time to render one A4 page of a Chinese PDF at
  screen resolution (96 dpi, 794 px wide) with ``desktop.pdf_pages``. Target ≤ 150.

The server is uvicorn in a subprocess on a SQLite file (``bench/serve.py``), built
fresh in a temp folder each run (~10 s).
"""

from __future__ import annotations

import contextlib
import random
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.common import emit

ARTICLES = 5000
ATTACHMENT_BYTES = 5 * 1024 * 1024
SCREEN_DPI = 96
SEARCH_ROUNDS = 5
QUERIES: tuple[tuple[str, str | None], ...] = (
    ("糖", None), ("降压", None), ("医保", None), ("合规", "compliance"), ("价格", "faq"),
    ("心安平", None), ("依从性", None), ("不良反应", None), ("dosing", None),
    ("xap", None), ("tsn", None), ("心安平 价格", None), ("降压 once daily", None),
    ("学术会议", "compliance"), ("集采", None),
)
_PRODUCTS = (("P-CV01", "心安平"), ("P-CV02", "脂可清"), ("P-DM01", "糖适宁"), ("P-DM02", "诺胰康"),
             ("P-RS01", "畅呼宁"), ("P-ON01", "瑞肿宁"), ("P-NE01", "脑欣通"))
_PHRASES = ("一天一次，24小时平稳降压", "降压达标率高，依从性好", "医保报销政策有变化", "集采后价格下降",
            "不良反应多为轻度", "学术会议须有明确目的", "不得向医务人员提供现金", "患者教育要点",
            "once daily dosing keeps blood pressure stable", "renal impairment needs care",
            "价格异议的回应要点", "指南推荐等级", "科室会的组织流程", "样品管理规定")
_CATEGORIES = ("product", "competitor", "competitor_product", "faq", "compliance", "training")


class CountingProxy:
    """A TCP forwarder on 127.0.0.1 that counts every byte both ways."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.bytes = 0
        self._lock = threading.Lock()
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                with self._lock:
                    self.bytes += len(data)
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self._listener.close()


def build_server(url: str) -> None:
    """Org, one rep, the product catalogue, 5,000 articles and a 5 MB attachment."""
    import hashlib

    import sqlalchemy as sa

    from bench.sync import DEMO_PASSWORD
    from server.auth.service import create_user
    from server.db import create_engine
    from server.migrate import upgrade
    from server.sync.feed import ChangeSet, publish, utcnow
    from server.sync.rows import insert_rows
    from server.tables import knowledge_files

    engine = create_engine(url)
    upgrade(engine)
    rng = random.Random(5000)
    with engine.begin() as conn:
        ch = ChangeSet()
        region = insert_rows(conn, ch, "regions", [{"code": "RKB", "name": "华东大区"}], actor=None)[0]
        district = insert_rows(conn, ch, "districts", [{"region_id": region["id"], "code": "DKB",
                                                        "name": "上海一区"}], actor=None)[0]
        territory = insert_rows(conn, ch, "territories", [{
            "district_id": district["id"], "code": "TKB", "name": "徐汇片区"}], actor=None)[0]
        create_user(conn, ch, username="benchkb", display_name="王芳", role="rep",
                    password=DEMO_PASSWORD, territory_id=territory["id"])
        products = insert_rows(conn, ch, "products", [
            {"code": code, "name": name, "active": True} for code, name in _PRODUCTS], actor=None)
        articles = []
        for i in range(ARTICLES):
            product = rng.choice(products)
            body = "\n\n".join(f"{product['name']}：{rng.choice(_PHRASES)}。" + rng.choice(_PHRASES)
                               for _ in range(rng.randint(4, 12)))
            topic = rng.choice(("产品手册", "异议处理", "临床研究", "医保准入"))
            articles.append({
                "category": rng.choice(_CATEGORIES), "slug": f"bench-{i}",
                "title": f"{product['name']}{topic}{i}",
                "body": body, "tags": [product["name"], rng.choice(("手册", "合规", "培训"))],
                "product_ids": [str(product["id"])], "article_version": 1, "published": True,
                "must_read": i % 500 == 0})
        rows = insert_rows(conn, ch, "knowledge_articles", articles, actor=None)
        content = random.Random(1).randbytes(ATTACHMENT_BYTES)
        sha = hashlib.sha256(content).hexdigest()
        conn.execute(sa.insert(knowledge_files).values(sha256=sha, size_bytes=len(content),
                                                       content=content, created_at=utcnow()))
        insert_rows(conn, ch, "knowledge_attachments", [{
            "article_id": rows[0]["id"], "filename": "manual.pdf", "mime_type": "application/pdf",
            "size_bytes": len(content), "sha256": sha, "position": 0}], actor=None)
        publish(conn, ch)
    engine.dispose()


def bench_sync_search_bytes(folder: Path) -> None:
    from bench.serve import running_server
    from bench.sync import new_device
    from desktop.knowledge import after_sync, complete_search_index, search
    from sync.attachments import fetch_attachments
    from sync.client import SyncHttpClient
    from sync.engine import SyncEngine

    url = f"sqlite:///{folder / 'server.db'}"
    build_server(url)
    with running_server(url) as base:
        device = new_device(base, "benchkb", folder, encrypted=True)
        started = time.perf_counter()
        SyncEngine(device.db, device.http).run()
        after_sync(device.db)
        emit("kb.sync_5000_articles_s", round(time.perf_counter() - started, 2), "s",
             db="sqlite", target=3)
        started = time.perf_counter()
        complete_search_index(device.db)  # the app's next writer task after the sync
        emit("kb.trigram_index_5000_articles_s", round(time.perf_counter() - started, 2), "s")
        fetch_attachments(device.db, device.http)  # the 5 MB file, once

        times: list[float] = []
        for _ in range(SEARCH_ROUNDS):
            for query, category in QUERIES:
                started = time.perf_counter()
                search(device.db, query, category=category)
                times.append((time.perf_counter() - started) * 1000)
        emit("kb.search_ms", round(statistics.median(times), 2), "ms", target=30,
             max=round(max(times), 2), queries=len(times), articles=ARTICLES)

        port = int(base.rsplit(":", 1)[1])
        proxy = CountingProxy(port)
        http = SyncHttpClient(proxy.url, tokens=device.http.tokens, retries=0)
        SyncEngine(device.db, http).run()
        after_sync(device.db)
        report = fetch_attachments(device.db, http)
        time.sleep(0.2)  # let the proxy threads count the last bytes
        emit("kb.noop_sync_bytes", proxy.bytes, "bytes", target=10_000,
             attachment_bytes_fetched=report.bytes_downloaded)
        http.close()
        proxy.close()
        device.close()


def bench_pdf_render() -> None:
    from desktop.pdf_pages import PdfPages
    from tests.kb.kb_folder import pdf_bytes

    a4_width_px = round(595.28 / 72 * SCREEN_DPI)
    times: list[float] = []
    with PdfPages(pdf_bytes(pages=3)) as pages:
        for i in range(20):
            started = time.perf_counter()
            pages.render(i % 3, width_px=a4_width_px)
            times.append((time.perf_counter() - started) * 1000)
    emit("kb.pdf_page_render_ms", round(statistics.median(times), 1), "ms", target=150,
         width_px=a4_width_px, min=round(min(times), 1))


def main(argv: Any = None) -> None:
    with tempfile.TemporaryDirectory(prefix="fieldrep-bench-kb-") as folder:
        bench_sync_search_bytes(Path(folder))
    bench_pdf_render()


if __name__ == "__main__":
    main()
