"""The demo outlet in memory: seeded randomness, customers, and rows waiting to be inserted.

Everything derives from the seed and `today`; no wall clock. The rows it
collects are described in demo_rows.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from faker import Faker

from clerk_tui.demo import catalog as cat
from clerk_tui.demo.rows import Product, Rows
from clerk_tui.domain.policy import Policy


def at(day: date, hhmm: str) -> datetime:
    h, m = hhmm.split(":")
    return datetime.combine(day, time(int(h), int(m)))


@dataclass
class Eng:
    code: str
    name: str
    skills: frozenset[str]
    start: str
    end: str
    district: str
    capacity: int | None
    active: bool


def months_between(a: date, b: date) -> int:
    return (b.year - a.year) * 12 + (b.month - a.month) - (1 if b.day < a.day else 0)


@dataclass
class World(Rows):
    """Seeded generator state and the rows collected so far."""

    seed: int
    today: date
    products: list[Product]
    fees: dict[
        str, list[tuple[date, int, bool]]
    ]  # code → [(effective_from, fen, in_warranty_chargeable)]
    policy: Policy  # the outlet policy the demo database holds (callback delays)
    rng: random.Random = field(init=False)
    fake: Faker = field(init=False)
    engineers: dict[str, Eng] = field(default_factory=dict)
    customers: list[dict] = field(default_factory=list)
    tickets: list[dict] = field(default_factory=list)
    appointments: list[dict] = field(default_factory=list)
    contacts: list[dict] = field(default_factory=list)
    callbacks: list[dict] = field(default_factory=list)
    cards: list[dict] = field(default_factory=list)
    slips: list[dict] = field(default_factory=list)
    leaves: list[dict] = field(default_factory=list)
    clerks: tuple[str, ...] = ("xinxi1", "xinxi2")
    _seq: dict[date, int] = field(default_factory=dict)
    _receipt: int = 0
    _phones: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(self.seed)
        self.by_category: dict[str, list[Product]] = {}
        self.by_model = {p.model: p for p in self.products}
        for p in self.products:
            self.by_category.setdefault(p.category, []).append(p)
        for code, skills, start, end, district, cap, active in cat.ENGINEERS:
            self.engineers[code] = Eng(
                code,
                self.person_name(),
                frozenset(skills.split("|")),
                start,
                end,
                district,
                cap,
                active,
            )

    # ---- people and places -------------------------------------------------
    def person_name(self) -> str:
        return self.fake.name()

    def mobile(self) -> str:
        while True:
            p = self.rng.choice(cat.MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"
            if p not in self._phones:
                self._phones.add(p)
                return p

    def district(self) -> str:
        names = list(cat.DISTRICT_WEIGHTS)
        return self.rng.choices(names, weights=list(cat.DISTRICT_WEIGHTS.values()))[0]

    def address(self, district: str) -> str:
        r = self.rng
        street = r.choice(cat.STREETS[district])
        return (
            f"{cat.CITY}{district}{street}{r.randint(1, 399)}号{r.choice(cat.COMPOUNDS)}"
            f"{r.randint(1, 24)}号楼{r.randint(1, 4)}单元{r.randint(1, 32)}{r.randint(1, 4):02d}户"
        )

    def new_customer(
        self,
        *,
        name: str | None = None,
        household: bool | str | None = None,
        district: str | None = None,
        phone: str | None = None,
        address: str | None = None,
    ) -> int:
        """Add a customer; returns its index in `customers`."""
        district = district if district is not None else self.district()
        members = household if isinstance(household, str) else ""
        if household is None:
            household = self.rng.random() < 0.25
        if household is True:
            n = self.rng.choice((1, 1, 2))
            members = "|".join(
                f"{self.person_name()}:{self.rng.choice(cat.RELATIONS)}" for _ in range(n)
            )
        if phone is None:
            phone = (
                self.mobile()
                if self.rng.random() > 0.04
                else f"0532-8{self.rng.randrange(10**7):07d}"
            )
        self.customers.append(
            {
                "name": name or self.person_name(),
                "phone": phone,
                "district": district,
                "address": address if address is not None else self.address(district),
                "household": members,
            }
        )
        return len(self.customers) - 1

    # ---- products, warranty, fees -----------------------------------------
    def category(self) -> str:
        names = list(cat.CATEGORY_WEIGHTS)
        return self.rng.choices(names, weights=list(cat.CATEGORY_WEIGHTS.values()))[0]

    def product(self, category: str, before: date) -> Product:
        choices = [
            p for p in self.by_category.get(category, []) if p.release and p.release < before
        ]
        return self.rng.choice(choices or self.products)

    def purchase_date(self, p: Product, day: date) -> date:
        first = max(p.release or day - timedelta(days=2000), day - timedelta(days=8 * 365))
        span = max((day - timedelta(days=7) - first).days, 1)
        return first + timedelta(days=self.rng.randrange(span))

    def serial(self) -> str:
        alphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
        return "".join(self.rng.choice(alphabet) for _ in range(20))

    @staticmethod
    def warranty(p: Product | None, bought: date | None, day: date) -> str:
        if p is None or bought is None:
            return "unknown"
        age = months_between(bought, day)
        return "in" if age < p.whole else "parts_only" if age < p.parts else "out"

    def fee_fen(self, code: str, day: date) -> tuple[int, bool]:
        versions = [v for v in self.fees.get(code, []) if v[0] <= day]
        if not versions:
            return 0, False
        _, fen, chargeable = max(versions)
        return fen, chargeable

    def charge(self, codes: list[str], warranty: str, day: date) -> tuple[list[str], int]:
        """The fee items charged and their total under the standard of `day`."""
        charged: list[str] = []
        total = 0
        for code in codes:
            fen, chargeable = self.fee_fen(code, day)
            if warranty == "in" and not chargeable:
                continue
            if warranty == "parts_only" and code.startswith("PJ-") and not chargeable:
                continue  # main parts still under warranty; labour is charged
            charged.append(code)
            total += fen
        if charged and warranty != "in" and "SM-01" not in charged:
            charged.insert(0, "SM-01")
            total += self.fee_fen("SM-01", day)[0]
        return charged, total

    def receipt(self, day: date) -> str:
        self._receipt += 1
        return f"SJ{day:%y%m%d}{self._receipt:05d}"
