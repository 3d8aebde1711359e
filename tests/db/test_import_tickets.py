"""Importing tickets: doubtful information is taken in, broken rows are refused one by one."""

from __future__ import annotations

import csv
from datetime import date, datetime

import pytest
from sqlalchemy import func, text
from sqlmodel import select

from clerk_tui.db.models import Appointment, Customer, Engineer, Outlet, ProductModel, Ticket
from clerk_tui.io.imports import tickets as import_tickets
from clerk_tui.io.imports.columns import COLUMNS
from clerk_tui.io.imports.importer import ImportRefused, import_file

COLS = list(COLUMNS["tickets"])


def write_csv(path, rows, cols=COLS, encoding="utf-8-sig"):
    with path.open("w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh)
        w.writerow(cols)
        for r in rows:
            w.writerow([r.get(c, "") for c in cols])
    return path


def ticket(no, **kw):
    base = {
        "ticket_no": no,
        "outlet_code": "A01",
        "source": "center",
        "service_type": "repair",
        "customer_name": "王小明",
        "phone": "138-1234-5678",
        "address": "北京市朝阳区建国路88号3单元501",
        "product_model": "XQG70-B12",
        "serial_no": "SN001",
        "purchase_date": "2023-05-01",
        "symptom": "不脱水，有异响",
        "requested_start": "2024-03-05 09:00",
        "requested_end": "2024-03-05 12:00",
        "created_at": "2024-03-04 16:20",
    }
    base.update(kw)
    return base


def count(db, model):
    with db.read() as s:
        return s.exec(select(func.count()).select_from(model)).one()


def tickets(db):
    with db.read() as s:
        return {t.ticket_no: t for t in s.exec(select(Ticket)).all()}


@pytest.fixture
def engineer(db):
    with db.session() as s:
        s.add(Engineer(code="E07", name="李师傅"))
        s.add(ProductModel(model="XQG70-B12", category="洗衣机"))


def test_tickets_go_in_with_outlet_customer_model_and_appointment(db, tmp_path, engineer):
    f = write_csv(
        tmp_path / "t.csv",
        [
            ticket(
                "W001",
                engineer_id="E07",
                appointment_start="2024-03-05 09:30",
                appointment_end="2024-03-05 11:00",
                status="scheduled",
            ),
            ticket(
                "W002",
                customer_name="张三",
                phone="13900001111",
                address="上海市浦东新区世纪大道1号",
                product_model="xqg70-b12",
                source="phone",
                service_type="install",
            ),
        ],
    )
    report = import_file(db, "tickets", f)
    assert (report.inserted, report.updated, report.unchanged, report.rejected) == (2, 0, 0, [])
    got = tickets(db)
    w1 = got["W001"]
    assert (w1.customer_name, w1.phone, w1.district, w1.status) == (
        "王小明",
        "138-1234-5678",
        "朝阳区",
        "scheduled",
    )
    assert w1.requested_start == datetime(2024, 3, 5, 9) and w1.requested_end == datetime(
        2024, 3, 5, 12
    )
    assert w1.created_at == datetime(2024, 3, 4, 16, 20) and w1.business_date == date(2024, 3, 4)
    assert w1.purchase_date == date(2023, 5, 1) and w1.model_id is not None
    assert got["W002"].model_id == w1.model_id  # catalog match ignores case
    assert (got["W002"].source, got["W002"].service_type, got["W002"].district) == (
        "phone",
        "install",
        "浦东新区",
    )
    with db.read() as s:
        outlet = s.exec(select(Outlet)).one()
        assert outlet.code == "A01" and w1.outlet_id == outlet.id
        customer = s.get(Customer, w1.customer_id)
        assert (customer.name, customer.phone) == ("王小明", "13812345678")
        appt = s.exec(select(Appointment)).one()
        eng = s.exec(select(Engineer)).one()
    assert w1.engineer_id == eng.id
    assert (appt.ticket_id, appt.engineer_id, appt.status) == (w1.id, eng.id, "planned")
    assert (appt.start, appt.end) == (datetime(2024, 3, 5, 9, 30), datetime(2024, 3, 5, 11))


def test_doubtful_information_is_taken_in_for_the_clerk_to_check(db, tmp_path):
    f = write_csv(
        tmp_path / "t.csv",
        [
            ticket("W001", product_model=""),
            ticket("W002", product_model="NO-SUCH-MODEL"),
            ticket("W003", phone="12345"),
            ticket("W004", address="小区门口"),
            ticket("W005", purchase_date="2099-01-01"),
            ticket(
                "W006",
                customer_name="",
                phone="",
                address="",
                requested_start="",
                requested_end="",
                status="",
            ),
        ],
    )
    report = import_file(db, "tickets", f)
    assert report.inserted == 6 and report.rejected == []
    got = tickets(db)
    assert got["W002"].model_id is None and got["W002"].product_model == "NO-SUCH-MODEL"
    assert got["W003"].phone == "12345"
    assert got["W005"].purchase_date == date(2099, 1, 1)
    assert got["W006"].status == "new" and got["W006"].customer_id is None


def test_one_customer_per_phone_and_name(db, tmp_path):
    f = write_csv(
        tmp_path / "t.csv",
        [
            ticket("W001"),
            ticket("W002", phone="13812345678"),
            ticket("W003", customer_name="王小红"),
        ],
    )
    import_file(db, "tickets", f)
    assert count(db, Customer) == 2
    got = tickets(db)
    assert got["W001"].customer_id == got["W002"].customer_id != got["W003"].customer_id


def test_empty_outlet_code_means_the_only_outlet(db, tmp_path):
    with db.session() as s:
        s.add(Outlet(code="BJ-01", name="朝阳网点"))
    import_file(db, "tickets", write_csv(tmp_path / "t.csv", [ticket("W001", outlet_code="")]))
    with db.read() as s:
        assert [o.code for o in s.exec(select(Outlet)).all()] == ["BJ-01"]


def test_empty_outlet_code_without_a_single_outlet_means_default(db, tmp_path):
    import_file(db, "tickets", write_csv(tmp_path / "t.csv", [ticket("W001", outlet_code="")]))
    with db.read() as s:
        assert [o.code for o in s.exec(select(Outlet)).all()] == ["DEFAULT"]


def test_empty_created_at_means_now(db, tmp_path):
    before = datetime.now().replace(microsecond=0)
    import_file(db, "tickets", write_csv(tmp_path / "t.csv", [ticket("W001", created_at="")]))
    t = tickets(db)["W001"]
    assert before <= t.created_at <= datetime.now() and t.business_date == t.created_at.date()


def test_appointment_without_end_takes_the_policys_length(db, tmp_path):
    import_file(
        db,
        "tickets",
        write_csv(
            tmp_path / "t.csv",
            [ticket("W001", service_type="install", appointment_start="2024-03-05 14:00")],
        ),
    )
    with db.read() as s:
        appt = s.exec(select(Appointment)).one()
    assert appt.end == datetime(2024, 3, 5, 16, 0)  # install: 120 minutes by default


@pytest.mark.parametrize(
    "bad, field",
    [
        ({"ticket_no": ""}, "ticket_no"),
        ({"purchase_date": "2023-02-30"}, "purchase_date"),
        ({"requested_start": "明天上午"}, "requested_start"),
        ({"requested_end": "2024-03-05 08:00"}, "requested_end"),
        (
            {"appointment_start": "2024-03-05 10:00", "appointment_end": "2024-03-05 09:00"},
            "appointment_end",
        ),
        ({"appointment_end": "2024-03-05 09:00"}, "appointment_end"),
        ({"engineer_id": "E99"}, "engineer_id"),
        ({"status": "done"}, "status"),
        ({"source": "email"}, "source"),
        ({"service_type": "fix"}, "service_type"),
        ({"customer_name": "王" * 10_000}, "customer_name"),
        ({"address": "北京市\x00朝阳区"}, "address"),
        ({"symptom": "不制冷\x1b[31m"}, "symptom"),
    ],
)
def test_a_row_that_cannot_be_a_ticket_is_refused_and_the_rest_go_in(db, tmp_path, bad, field):
    f = write_csv(tmp_path / "t.csv", [ticket("W001"), ticket("W002", **bad), ticket("W003")])
    report = import_file(db, "tickets", f)
    assert report.inserted == 2
    assert [(r.row, r.field) for r in report.rejected] == [(3, field)]
    assert field in report.rejected[0].reason
    assert set(tickets(db)) == {"W001", "W003"}


def test_the_rejects_file_holds_the_original_row_its_number_and_the_reason(db, tmp_path):
    f = write_csv(
        tmp_path / "t.csv",
        [ticket("W001"), ticket("W002", purchase_date="去年五月", engineer_id="")],
        cols=[*COLS, "备注"],
    )
    report = import_file(db, "tickets", f)
    assert report.rejects_path == tmp_path / "t.csv.rejects.csv"
    raw = report.rejects_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens it as UTF-8
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["row", *COLS, "备注", "reason"]
    assert rows[1][0] == "2" or rows[1][0] == "3"
    assert rows[1][0] == "3" and rows[1][COLS.index("purchase_date") + 1] == "去年五月"
    assert "purchase_date" in rows[1][-1] and "去年五月" in rows[1][-1]
    assert len(rows) == 2


def test_a_clean_rerun_removes_the_old_rejects_file(db, tmp_path):
    f = write_csv(tmp_path / "t.csv", [ticket("W001", purchase_date="bad")])
    assert import_file(db, "tickets", f).rejects_path.exists()
    write_csv(f, [ticket("W001")])
    report = import_file(db, "tickets", f)
    assert report.rejects_path is None and not (tmp_path / "t.csv.rejects.csv").exists()


def test_importing_the_same_file_twice_changes_nothing(db, tmp_path, engineer):
    f = write_csv(
        tmp_path / "t.csv",
        [
            ticket("W001", engineer_id="E07", appointment_start="2024-03-05 09:30"),
            ticket("W002", outlet_code="", created_at=""),
            ticket("W003", purchase_date="bad"),
        ],
    )
    first = import_file(db, "tickets", f)
    counts = [count(db, m) for m in (Ticket, Customer, Appointment, Outlet)]
    snapshot = {no: t.model_dump() for no, t in tickets(db).items()}
    second = import_file(db, "tickets", f)
    assert (first.inserted, len(first.rejected)) == (2, 1)
    assert (second.inserted, second.updated, second.unchanged, len(second.rejected)) == (0, 0, 2, 1)
    assert [count(db, m) for m in (Ticket, Customer, Appointment, Outlet)] == counts
    assert {no: t.model_dump() for no, t in tickets(db).items()} == snapshot


def test_a_ticket_the_clerk_corrected_is_left_as_it_is(db, tmp_path):
    f = write_csv(tmp_path / "t.csv", [ticket("W001", phone="12345")])
    import_file(db, "tickets", f)
    with db.session() as s:
        t = s.exec(select(Ticket)).one()
        t.phone = "13812345678"
        s.add(t)
    report = import_file(db, "tickets", f)
    assert report.unchanged == 1 and tickets(db)["W001"].phone == "13812345678"


def test_a_ticket_no_repeated_with_other_values_is_refused(db, tmp_path):
    f = write_csv(
        tmp_path / "t.csv", [ticket("W001"), ticket("W001"), ticket("W001", phone="13900000000")]
    )
    report = import_file(db, "tickets", f)
    assert (report.inserted, report.unchanged) == (1, 1)
    assert [(r.row, r.field) for r in report.rejected] == [(4, "ticket_no")]
    assert "2" in report.rejected[0].reason


def test_markup_in_a_name_is_stored_exactly_as_typed(db, tmp_path):
    f = write_csv(
        tmp_path / "t.csv",
        [ticket("W001", customer_name="[red]王[/]", address="[@click=app.quit]x[/]")],
    )
    import_file(db, "tickets", f)
    t = tickets(db)["W001"]
    assert (t.customer_name, t.address) == ("[red]王[/]", "[@click=app.quit]x[/]")


def test_a_long_symptom_is_text_not_a_refusal(db, tmp_path):
    f = write_csv(tmp_path / "t.csv", [ticket("W001", symptom="嗡嗡响" * 3400)])
    assert import_file(db, "tickets", f).inserted == 1


def test_gb18030_file_is_imported_with_its_chinese_intact(db, tmp_path):
    f = write_csv(
        tmp_path / "t.csv",
        [ticket("W001", customer_name="欧阳娜娜", address="广州市天河区体育西路")],
        encoding="gb18030",
    )
    import_file(db, "tickets", f)
    t = tickets(db)["W001"]
    assert (t.customer_name, t.district) == ("欧阳娜娜", "天河区")


def test_xlsx_tickets_with_typed_cells(db, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(
        ["ticket_no", "customer_name", "phone", "purchase_date", "created_at", "requested_start"]
    )
    ws.append(
        [
            20240001,
            "王小明",
            13812345678,
            datetime(2023, 5, 1),
            datetime(2024, 3, 4, 16, 20),
            "2024/3/5 9:00",
        ]
    )
    f = tmp_path / "t.xlsx"
    wb.save(f)
    report = import_file(db, "tickets", f)
    assert report.inserted == 1
    t = tickets(db)["20240001"]
    assert (t.phone, t.purchase_date, t.created_at) == (
        "13812345678",
        date(2023, 5, 1),
        datetime(2024, 3, 4, 16, 20),
    )
    assert t.requested_start == datetime(2024, 3, 5, 9)


def test_header_only_warns_no_data_rows(db, tmp_path):
    report = import_file(db, "tickets", write_csv(tmp_path / "t.csv", []))
    assert report.inserted == 0 and report.rejected == []
    assert any("没有数据行" in w for w in report.warnings)


def test_extra_columns_are_ignored_and_named_in_a_warning(db, tmp_path):
    f = write_csv(tmp_path / "t.csv", [ticket("W001")], cols=[*COLS, "备注", "dispatcher"])
    report = import_file(db, "tickets", f)
    assert report.inserted == 1
    assert any("备注" in w and "dispatcher" in w for w in report.warnings)


def test_a_file_refused_whole_writes_nothing(db, tmp_path):
    f = write_csv(tmp_path / "t.csv", [ticket("W001")], cols=["ticket_numbr", "customer_name"])
    with pytest.raises(ImportRefused) as err:
        import_file(db, "tickets", f)
    assert "ticket_no" in str(err.value) and "ticket_numbr" in str(err.value)
    assert count(db, Ticket) == 0 and count(db, Outlet) == 0


def test_an_unexpected_failure_leaves_nothing_half_written(db, tmp_path, engineer, monkeypatch):
    def boom(self, booked, ids):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(import_tickets.TicketImporter, "_appointments", boom)
    f = write_csv(
        tmp_path / "t.csv",
        [ticket("W001", engineer_id="E07", appointment_start="2024-03-05 09:30")],
    )
    with pytest.raises(RuntimeError):
        import_file(db, "tickets", f)
    assert [count(db, m) for m in (Ticket, Customer, Outlet)] == [0, 0, 0]


def test_imported_tickets_are_found_by_the_search_index(db, tmp_path):
    if not db.is_sqlite:
        pytest.skip("ticket_fts is SQLite's; PostgreSQL uses pg_trgm indexes on the table itself")
    import_file(
        db,
        "tickets",
        write_csv(tmp_path / "t.csv", [ticket("W001"), ticket("W002", customer_name="欧阳娜娜")]),
    )
    with db.session() as s:  # the per-row trigger is back for later tickets
        s.add(
            Ticket(
                ticket_no="W003",
                customer_name="欧阳修",
                created_at=datetime(2024, 3, 5),
                business_date=date(2024, 3, 5),
            )
        )
    query = text(
        "SELECT t.ticket_no FROM ticket_fts JOIN ticket t ON t.id = ticket_fts.rowid "
        "WHERE ticket_fts MATCH :q ORDER BY t.ticket_no"
    )
    with db.read() as s:
        hits = [
            s.execute(query, {"q": f'"{q}"'}).scalars().all()
            for q in ("欧阳娜", "欧阳修", "朝阳区")
        ]
        triggers = (
            s.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars().all()
        )
    assert hits == [["W002"], ["W003"], ["W001", "W002"]]
    assert "ticket_fts_ai" in triggers


def test_later_files_link_known_customers_and_new_ones_correctly(db, tmp_path):
    import_file(
        db,
        "tickets",
        write_csv(tmp_path / "a.csv", [ticket("W001", customer_name="甲", phone="13800000001")]),
    )
    import_file(
        db,
        "tickets",
        write_csv(
            tmp_path / "b.csv",
            [
                ticket("W002", customer_name="乙", phone="13800000002"),
                ticket("W003", customer_name="甲", phone="13800000001"),
                ticket("W004", customer_name="丙", phone="13800000003"),
            ],
        ),
    )
    with db.read() as s:
        names = {c.id: (c.name, c.phone) for c in s.exec(select(Customer)).all()}
    got = tickets(db)
    assert len(names) == 3
    assert got["W001"].customer_id == got["W003"].customer_id
    for no in ("W001", "W002", "W003", "W004"):
        assert names[got[no].customer_id] == (got[no].customer_name, got[no].phone)
