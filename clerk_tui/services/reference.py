"""Reference data and policy (DESIGN §6): loaded from data/ into the database on first run.

Products and fees go through the importer (the same code as `clerk-tui import`);
forbidden phrases, travel minutes and the policy have small loaders here, each
in one transaction. A kind that already has rows is left alone, so a catalog the
outlet imported itself is never overwritten.
"""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import delete, insert, select
from sqlmodel import Session, col

from clerk_tui.config import DATA_DIR
from clerk_tui.db.models import FeeItem, ForbiddenPhrase, ProductModel, Setting, TravelTime
from clerk_tui.domain.policy import Policy
from clerk_tui.services.database import Database

POLICY_KEY = "policy"


class ReferenceDataError(RuntimeError):
    """A shipped reference file could not be loaded; the message names the file."""


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [
            {k.strip(): (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(f)
        ]


def _present(db: Database) -> dict[str, bool]:
    """Which kinds of reference data the database already holds (one query)."""
    q = select(
        select(col(ProductModel.id)).exists().label("products"),
        select(col(FeeItem.id)).exists().label("fees"),
        select(col(ForbiddenPhrase.id)).exists().label("phrases"),
        select(col(TravelTime.id)).exists().label("travel"),
        select(col(Setting.key)).where(col(Setting.key) == POLICY_KEY).exists().label("policy"),
    )
    with db.read() as s:
        row = s.execute(q).one()
    return {k: bool(v) for k, v in row._mapping.items()}


def _import(db: Database, kind: str, path: Path) -> None:
    from clerk_tui.io.imports.importer import import_file

    report = import_file(db, kind, path)
    if getattr(report, "rejected", None):
        raise ReferenceDataError(
            f"{path}: {len(report.rejected)} rows refused by the {kind} importer"
        )


def load_forbidden_phrases(db: Database, path: Path | None = None) -> int:
    """Put the forbidden phrases (服务禁语) of `path` into the database, replacing the old list."""
    rows = _rows(path or DATA_DIR / "forbidden_phrases.csv")
    values = [
        {
            "phrase": r["phrase"],
            "suggestion": r.get("suggestion", ""),
            "source": r.get("source", ""),
        }
        for r in rows
        if r.get("phrase")
    ]
    with db.session() as s:
        s.execute(delete(ForbiddenPhrase))
        if values:
            s.execute(insert(ForbiddenPhrase), values)
    return len(values)


def load_travel_minutes(db: Database, path: Path | None = None) -> int:
    """Put the district-to-district driving minutes of `path` into the database."""
    path = path or DATA_DIR / "travel_minutes.csv"
    values = []
    for i, r in enumerate(_rows(path), start=2):
        try:
            minutes = int(r["minutes"])
        except (KeyError, ValueError):
            raise ReferenceDataError(f"{path}, row {i}: minutes is not a whole number") from None
        values.append(
            {
                "from_district": r["from_district"],
                "to_district": r["to_district"],
                "minutes": minutes,
            }
        )
    with db.session() as s:
        s.execute(delete(TravelTime))
        if values:
            s.execute(insert(TravelTime), values)
    return len(values)


def default_policy() -> Policy:
    """The policy shipped in data/policy.json (the Policy model's defaults where it is silent)."""
    path = DATA_DIR / "policy.json"
    if path.exists():
        return Policy.model_validate_json(path.read_text(encoding="utf-8"))
    return Policy()


def load_policy(db: Database) -> Policy:
    """The outlet's policy from the database, else the shipped default."""
    with db.read() as s:
        value = s.execute(
            select(col(Setting.value)).where(col(Setting.key) == POLICY_KEY)
        ).scalar_one_or_none()
    return Policy.model_validate_json(value) if value else default_policy()


def save_policy(db: Database, policy: Policy) -> None:
    """Store the policy (Setting 'policy', JSON) in one transaction."""
    with db.session() as s:
        store_policy(s, policy)


def store_policy(s: Session, policy: Policy) -> None:
    """`save_policy` inside the caller's transaction (so an audit entry can land with it)."""
    value = policy.model_dump_json()
    row = s.get(Setting, POLICY_KEY)
    if row is None:
        s.add(Setting(key=POLICY_KEY, value=value))
    else:
        row.value = value


def ensure_reference(db: Database) -> bool:
    """Load whatever reference data the database lacks; True when something was loaded."""
    present = _present(db)
    if all(present.values()):
        return False
    if not present["products"]:
        _import(db, "products", DATA_DIR / "products.csv")
    if not present["fees"]:
        _import(db, "fees", DATA_DIR / "fees.csv")
    if not present["phrases"]:
        load_forbidden_phrases(db)
    if not present["travel"]:
        load_travel_minutes(db)
    if not present["policy"]:
        save_policy(db, default_policy())
    return True


def forbidden_phrases(db: Database) -> list[tuple[str, str, str]]:
    """Every forbidden phrase as (phrase, suggestion, source), in the order of the manual."""
    q = select(
        col(ForbiddenPhrase.phrase), col(ForbiddenPhrase.suggestion), col(ForbiddenPhrase.source)
    ).order_by(col(ForbiddenPhrase.id))
    with db.read() as s:
        return [(p, sug, src) for p, sug, src in s.execute(q)]


def travel_minutes(db: Database) -> dict[tuple[str, str], int]:
    """Driving minutes by (from_district, to_district)."""
    q = select(col(TravelTime.from_district), col(TravelTime.to_district), col(TravelTime.minutes))
    with db.read() as s:
        return {(a, b): m for a, b, m in s.execute(q)}


def misuse_keywords(path: Path | None = None) -> list[tuple[str, str, str]]:
    """Symptoms that read as misuse or misreport (phrase, category, explanation), from data/."""
    rows = _rows(path or DATA_DIR / "misuse_keywords.csv")
    return [
        (r["phrase"], r.get("category", ""), r.get("explanation", ""))
        for r in rows
        if r.get("phrase")
    ]
