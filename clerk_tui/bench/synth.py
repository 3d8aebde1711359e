"""A synthetic outlet database of N tickets for `clerk-tui bench`, built fast and cached.

Names, addresses and phones are drawn from small pools with random.Random(seed) (Faker
per row is far too slow for a million rows); the schema comes from the migrations,
the rows from raw sqlite3 executemany in large transactions.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

GENERATOR_VERSION = 1
TICKETS_PER_DAY = 550
CHUNK = 50_000
BENCH_USER = "bench"
BENCH_PASSWORD = "bench-pass"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = (
    "伟 芳 娜 秀英 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀兰 霞 平 刚 桂英 建国 建华 "
    "志强 文 辉 玉兰 海燕 小红 俊 鹏 飞 红梅 国庆 淑珍 凤英 丹 萍 宇 浩 欣怡 子涵 梓轩 "
    "雨桐 思远 嘉怡 晓东 春梅 玉珍 德明 振华 立新 学军 永强 金凤 美玲 亚男 婷婷"
).split()
DISTRICTS = {
    "朝阳区": ["建国路", "朝阳北路", "望京街", "酒仙桥路", "双井街", "劲松路", "团结湖路"],
    "海淀区": ["中关村大街", "学院路", "万寿路", "五道口街", "清河中街", "西三旗路"],
    "丰台区": ["南三环西路", "丰台北路", "马家堡东路", "方庄路", "草桥东路"],
    "西城区": ["金融街", "西直门内大街", "广安门内大街", "德胜门外大街"],
    "东城区": ["东直门南大街", "崇文门外大街", "和平里西街", "安定门东大街"],
    "通州区": ["新华大街", "梨园路", "九棵树东路", "玉桥中路"],
    "昌平区": ["回龙观西大街", "天通苑北路", "立汤路", "鼓楼南街"],
    "大兴区": ["兴华大街", "黄村西大街", "亦庄文化园路", "旧宫东路"],
}
ESTATES = "阳光 幸福 和平 东方 金色 华府 翠苑 花园 家园 新城 雅居 名苑 嘉园 丽都 锦绣 龙湖 万科 保利 绿地 碧水".split()
MODELS = [
    ("XQG80-B12866", "洗衣机"),
    ("XQB90-M21JD", "洗衣机"),
    ("EG100HB129S", "洗衣机"),
    ("BCD-470WDPG", "冰箱"),
    ("BCD-216STPT", "冰箱"),
    ("BCD-535WGHSS", "冰箱"),
    ("KFR-35GW/05EDS", "空调"),
    ("KFR-72LW/81@U1", "空调"),
    ("KFR-26GW/B1KTA", "空调"),
    ("ES60H-GD5(1)", "热水器"),
    ("JSQ25-13WN3S", "热水器"),
    ("ES80H-Z4(ZE)", "热水器"),
    ("LU55C61", "电视"),
    ("65R8", "电视"),
    ("LE43A31", "电视"),
]
SYMPTOMS = [
    "不脱水",
    "不制冷",
    "漏水",
    "噪音大",
    "不加热",
    "开机无反应",
    "显示E4故障码",
    "制冷效果差",
    "门封条老化",
    "遥控失灵",
    "有异味",
    "排水慢",
    "结霜严重",
    "外机不转",
    "出水不热",
    "黑屏有声音",
]
SOURCES = ("center", "center", "center", "phone", "walkin")
SERVICES = ("repair", "repair", "repair", "install", "maintenance", "consult")
OLD_STATES = ["closed"] * 90 + ["cancelled"] * 4 + ["consult_only"] * 5 + ["transferred"]
NEW_STATES = (
    ["new"] * 10
    + ["needs_info"] * 10
    + ["ready"] * 10
    + ["scheduled"] * 25
    + ["in_service"] * 5
    + ["completed"] * 35
    + ["cancelled"] * 5
)
TICKET_COLS = (
    "id, ticket_no, outlet_id, source, service_type, customer_name, phone, address, district, "
    "product_model, model_id, serial_no, purchase_date, symptom, requested_start, requested_end, "
    "status, owner_id, engineer_id, warranty_status, pull_back, loaner, part_needed, value_add, "
    "notes, created_at, business_date, version"
)


def _dt(value: datetime) -> str:
    """SQLAlchemy's SQLite DATETIME storage format."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def ticket_rows(n: int, rng: random.Random, today: date, n_eng: int, owner: int) -> Iterator[tuple]:
    days = max(1, -(-n // TICKETS_PER_DAY))
    first = today - timedelta(days=days - 1)
    per_day = n / days
    surnames = list(SURNAMES)
    dists = list(DISTRICTS.items())
    recent = today - timedelta(days=2)
    for i in range(1, n + 1):
        day = first + timedelta(days=int((i - 1) / per_day))
        created = datetime(day.year, day.month, day.day, 8) + timedelta(
            seconds=rng.randrange(36000)
        )
        dist, streets = dists[rng.randrange(len(dists))]
        address = (
            f"北京市{dist}{streets[rng.randrange(len(streets))]}{rng.randrange(1, 300)}号"
            f"{ESTATES[rng.randrange(len(ESTATES))]}小区{rng.randrange(1, 30)}号楼"
            f"{rng.randrange(1, 7)}单元{rng.randrange(1, 33)}0{rng.randrange(1, 5)}"
        )
        model, _cat = MODELS[rng.randrange(len(MODELS))]
        status = (NEW_STATES if day >= recent else OLD_STATES)[rng.randrange(100)]
        start = created + timedelta(days=1, hours=rng.randrange(0, 4))
        yield (
            i,
            f"HR{day:%Y%m%d}{i % 100000:05d}",
            1 + i % 10,
            SOURCES[rng.randrange(5)],
            SERVICES[rng.randrange(6)],
            surnames[rng.randrange(len(surnames))] + GIVEN[rng.randrange(len(GIVEN))],
            f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}",
            address,
            dist,
            model,
            1 + MODELS.index((model, _cat)),
            f"SN{rng.randrange(10**10):010d}",
            (day - timedelta(days=rng.randrange(30, 2000))).isoformat(),
            SYMPTOMS[rng.randrange(len(SYMPTOMS))],
            _dt(start),
            _dt(start + timedelta(hours=2)),
            status,
            owner,
            None if status in ("new", "needs_info") else 1 + rng.randrange(n_eng),
            "in" if rng.random() < 0.7 else "out",
            0,
            0,
            "",
            "",
            "",
            _dt(created),
            day.isoformat(),
            1,
        )


def build(path: Path, n: int, *, seed: int = 20250310, today: date | None = None) -> None:
    """Create the database at `path` (migrated schema) holding `n` tickets ending `today`."""
    from clerk_tui.services.auth.passwords import hash_password
    from clerk_tui.services.database import open_database

    today = today or date.today()
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    open_database(f"sqlite:///{path}").dispose()

    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA cache_size=-400000")
    con.execute("BEGIN")
    con.executemany(
        "INSERT INTO outlet (id, code, name, city) VALUES (?, ?, ?, '北京')",
        [
            (k, f"BJ{k:03d}", f"北京{d}服务网点")
            for k, d in enumerate(list(DISTRICTS) + ["顺义区", "房山区"], 1)
        ],
    )
    con.executemany(
        "INSERT INTO productmodel (id, model, category, brand, whole_warranty_months,"
        " parts_warranty_months) VALUES (?, ?, ?, '海尔', 12, 36)",
        [(k, m, c) for k, (m, c) in enumerate(MODELS, 1)],
    )
    n_eng = 200
    con.executemany(
        "INSERT INTO engineer (id, code, name, phone, outlet_id, skills, work_start, work_end,"
        " base_district, certificate_no, active) VALUES (?, ?, ?, ?, ?, ?, '08:30', '17:30', ?, ?, 1)",
        [
            (
                k,
                f"E{k:04d}",
                SURNAMES[k % len(SURNAMES)] + GIVEN[(k * 7) % len(GIVEN)],
                f"139{k:08d}",
                1 + k % 10,
                "洗衣机|冰箱|空调",
                list(DISTRICTS)[k % 8],
                f"ZS{k:06d}",
            )
            for k in range(1, n_eng + 1)
        ],
    )
    con.execute(
        "INSERT INTO user (id, username, display_name, role, password_hash, outlet_id, active,"
        " created_at) VALUES (1, ?, '基准主管', 'supervisor', ?, 1, 1, ?)",
        (BENCH_USER, hash_password(BENCH_PASSWORD), _dt(datetime.now().replace(microsecond=0))),
    )
    con.execute("COMMIT")

    triggers = con.execute(
        "SELECT sql FROM sqlite_master WHERE type='trigger' AND tbl_name='ticket'"
    ).fetchall()
    for (name,) in con.execute(
        "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='ticket'"
    ).fetchall():
        con.execute(f"DROP TRIGGER {name}")
    sql = f"INSERT INTO ticket ({TICKET_COLS}) VALUES ({', '.join('?' * len(TICKET_COLS.split(',')))})"
    rows = ticket_rows(n, rng, today, n_eng, owner=1)
    while True:
        chunk = [r for _, r in zip(range(CHUNK), rows, strict=False)]
        if not chunk:
            break
        con.execute("BEGIN")
        con.executemany(sql, chunk)
        con.execute("COMMIT")
    con.execute("BEGIN")
    con.execute("INSERT INTO ticket_fts(ticket_fts) VALUES ('rebuild')")
    for (trigger_sql,) in triggers:
        con.execute(trigger_sql)
    _visits(con, rng, today)
    con.execute("COMMIT")
    con.execute("PRAGMA journal_mode=WAL")
    con.close()


def _visits(con: sqlite3.Connection, rng: random.Random, today: date) -> None:
    """Appointments for the last 30 days' scheduled-or-later tickets, cards for the served ones."""
    since = (today - timedelta(days=30)).isoformat()
    rows = con.execute(
        "SELECT id, ticket_no, engineer_id, requested_start, status, business_date, customer_name"
        " FROM ticket"
        " WHERE business_date >= ? AND engineer_id IS NOT NULL",
        (since,),
    ).fetchall()
    appts, cards = [], []
    for tid, tno, eng, start, status, bday, name in rows:
        s = datetime.fromisoformat(start)
        appts.append(
            (
                tid,
                eng,
                _dt(s),
                _dt(s + timedelta(hours=1)),
                "done" if status in ("completed", "closed") else "planned",
            )
        )
        if status in ("completed", "closed"):
            arrived = s + timedelta(minutes=rng.randrange(-10, 30))
            cards.append(
                (
                    tno,
                    tid,
                    f"E{eng:04d}",
                    eng,
                    _dt(arrived + timedelta(hours=8)),
                    _dt(arrived),
                    _dt(arrived + timedelta(minutes=50)),
                    name,
                    1,
                    "满意",
                    _dt(arrived + timedelta(minutes=55)),
                    bday,
                )
            )
    con.executemany(
        'INSERT INTO appointment (ticket_id, engineer_id, start, "end", status, outcome, version)'
        " VALUES (?, ?, ?, ?, ?, '', 1)",
        appts,
    )
    con.executemany(
        "INSERT INTO supervisioncard (ticket_no, ticket_id, engineer_code, engineer_id, returned_at,"
        " arrived_at, finished_at, signer_name, signer_relation, signature_present, satisfaction,"
        " signed_at, fee_charged_fen, fee_items, receipt_no, repair_confident, notes, business_date)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, 0, '', '', 1, '', ?)",
        cards,
    )
