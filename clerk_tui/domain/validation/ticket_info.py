"""What the ticket checks read: a ticket as taken in, catalog models, prior tickets, the context."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from clerk_tui.domain.policy import Policy

_GENERIC_PRODUCTS = ("机器", "产品", "东西", "电器", "家电")
_NOISE = re.compile(r"[\W_]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """A catalog model (产品型号) with its warranty months and release date."""

    model: str
    category: str = ""
    whole_warranty_months: int = 12
    parts_warranty_months: int = 36
    release_date: date | None = None


@dataclass(frozen=True, slots=True)
class TicketInfo:
    """A ticket as taken in (plain data; the caller reads it from the database or the form)."""

    ticket_no: str
    customer_name: str = ""
    phone: str = ""
    address: str = ""
    product_model: str = ""
    serial_no: str = ""
    purchase_date: date | None = None
    symptom: str = ""
    requested_start: datetime | None = None
    requested_end: datetime | None = None
    service_type: str = "repair"  # repair/install/maintenance/consult
    status: str = "new"
    created_at: datetime | None = None
    source: str = "center"  # center/phone/walkin
    part_needed: str = ""
    part_in_stock: bool | None = None
    dispatcher_checked: bool = False  # the dispatcher was already asked, without an answer


@dataclass(frozen=True, slots=True)
class PriorTicket:
    """Another ticket of the same phone, for duplicate and repeat-repair checks."""

    ticket_no: str
    product_model: str = ""
    category: str = ""
    status: str = "new"
    created_at: datetime | None = None
    service_type: str = "repair"


MisuseKeyword = tuple[str, str, str]  # (phrase, category, explanation)


def model_key(model: str) -> str:
    """A catalog lookup key: width-folded, upper case, without spaces."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", model or "")).upper()


def squeeze(text: str) -> str:
    """Text folded for keyword search: width and case folded, spaces and punctuation gone."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text or "").lower())


@dataclass(frozen=True)
class ValidationContext:
    """Everything the rules read besides the ticket; lookups are prepared once here."""

    today: date
    catalog: Mapping[str, ModelInfo] = field(default_factory=dict)
    prior: Sequence[PriorTicket] = ()
    policy: Policy = field(default_factory=Policy)
    misuse_keywords: Sequence[MisuseKeyword] = ()
    districts: frozenset[str] = frozenset()
    # Prepared from the fields above (read-only):
    models_by_key: dict[str, ModelInfo] = field(init=False, repr=False, compare=False)
    # (squeezed phrase, phrase, category, explanation)
    misuse_index: tuple[tuple[str, str, str, str], ...] = field(
        init=False, repr=False, compare=False
    )
    # squeezed product words (categories, 机器...), longest first
    product_words: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        models = {model_key(name): info for name, info in self.catalog.items()}
        misuse = tuple(
            (squeeze(phrase), phrase, category, explanation)
            for phrase, category, explanation in self.misuse_keywords
            if squeeze(phrase)
        )
        words = {squeeze(m.category) for m in self.catalog.values() if squeeze(m.category)}
        words |= {squeeze(w) for w in _GENERIC_PRODUCTS}
        object.__setattr__(self, "districts", frozenset(self.districts))
        object.__setattr__(self, "models_by_key", models)
        object.__setattr__(self, "misuse_index", misuse)
        object.__setattr__(self, "product_words", tuple(sorted(words, key=len, reverse=True)))

    def model(self, name: str) -> ModelInfo | None:
        """The catalog entry for a model as typed (case, width and spaces ignored)."""
        return self.models_by_key.get(model_key(name)) if name else None

    def with_prior(self, prior: Sequence[PriorTicket]) -> ValidationContext:
        """The same context for another ticket's prior tickets (lookups are shared, not rebuilt)."""
        clone = object.__new__(ValidationContext)
        clone.__dict__.update(self.__dict__)
        clone.__dict__["prior"] = tuple(prior)
        return clone
