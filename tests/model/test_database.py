from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from model.database import open_database
from model.importing import store_filing
from model.library import list_documents, load_filing
from parsers.extraction import ExtractedCell, ExtractedFiling, ExtractedTable, InputError, Paragraph


def tiny_filing() -> ExtractedFiling:
    table = ExtractedTable(
        title="部门预算收入总表",
        kind="revenue_summary",
        part=None,
        n_rows=2,
        n_cols=2,
        header_rows=1,
        pages=[1],
        cells=[
            ExtractedCell(0, 0, "科目编码", page=1, bbox=(10, 10, 50, 20)),
            ExtractedCell(0, 1, "合计", page=1, bbox=(50, 10, 90, 20)),
            ExtractedCell(1, 0, "208", page=1, bbox=(10, 20, 50, 30)),
            ExtractedCell(1, 1, "28103.53", page=1, bbox=(50, 20, 90, 30), confidence=0.9),
        ],
    )
    return ExtractedFiling(
        source="tiny.txt",
        sha256="ab" * 32,
        pages=1,
        page_sizes=[(595.0, 842.0)],
        blocks=[Paragraph("一、收入说明"), table],
        department_code="323",
        department_name="昌黎县人力资源和社会保障局",
        year=2023,
    )


def test_sqlite_runs_in_wal_with_foreign_keys(db) -> None:
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_second_open_sees_what_the_first_stored(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'lib.sqlite3'}"
    first = open_database(url)
    with first.Session.begin() as session:
        doc = store_filing(tiny_filing(), b"bytes", "txt")
        session.add(doc)
        session.flush()
        doc_id = doc.id
    second = open_database(url)
    filing = load_filing(second, doc_id)
    assert filing.department_name == "昌黎县人力资源和社会保障局"
    assert filing.tables[0].rows() == [["科目编码", "合计"], ["208", "28103.53"]]
    assert filing.tables[0].cell(1, 1).bbox == (50, 20, 90, 30)
    assert filing.paragraphs[0].text == "一、收入说明"
    assert [d.id for d in list_documents(second)] == [doc_id]
    first.dispose()
    second.dispose()


def test_database_from_a_newer_program_is_refused(db_url: str) -> None:
    db = open_database(db_url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    db.dispose()
    with pytest.raises(InputError, match="更新版本"):
        open_database(db_url)
