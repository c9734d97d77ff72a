"""The certificate registry: one certificate per (course, learner), progress between runs, watermark.

SQLite by default (`sqlite:///path`), any SQLAlchemy URL (PostgreSQL) when several machines share
it. "Exactly once" rests on the database: certificate numbers are derived from (course, learner),
and a unique constraint lets only one of several concurrent runs claim a certificate. A claim is
"pending" until its files are written, then "issued"; a failed render releases it.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import (Column, Float, MetaData, String, Table, Text, UniqueConstraint, create_engine, delete,
                        insert, select, update)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError

from packager.errors import PackagerError

metadata = MetaData()
certificates = Table(
    "certificates", metadata,
    Column("number", String(64), primary_key=True),
    Column("course", String(200), nullable=False),
    Column("actor_key", String(1000), nullable=False),
    Column("actor", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("score", Float, nullable=False),
    Column("date", String(40), nullable=False),
    Column("status", String(10), nullable=False),  # pending | issued
    Column("claimed_at", String(40), nullable=False),
    UniqueConstraint("course", "actor_key", name="one_certificate_per_learner"),
)
progress = Table(
    "progress", metadata,
    Column("course", String(200), primary_key=True),
    Column("actor_key", String(1000), primary_key=True),
    Column("data", Text, nullable=False),
)
voided = Table(
    "voided", metadata,
    Column("course", String(200), primary_key=True),
    Column("statement_id", String(64), primary_key=True),
)
watermarks = Table(
    "watermarks", metadata,
    Column("course", String(200), primary_key=True),
    Column("stored", String(40), nullable=False),
)

STALE_CLAIM = timedelta(minutes=15)  # a pending claim older than this was left by a run that died


class RegistryError(PackagerError):
    pass


@dataclass(frozen=True)
class Certificate:
    number: str
    course: str
    actor: dict
    name: str
    score: float
    date: str
    status: str


def certificate_number(prefix: str, course: str, actor_key: str) -> str:
    """Stable and unique per (course, learner): PREFIX-XXXX-XXXX-XXXX (base32 of a SHA-256)."""
    code = base64.b32encode(hashlib.sha256(f"{course}\n{actor_key}".encode()).digest()).decode()[:12]
    return f"{prefix}-{code[:4]}-{code[4:8]}-{code[8:12]}"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Registry:
    def __init__(self, url: str):
        try:
            args = {}
            if url.startswith("sqlite"):
                args = {"timeout": 60}  # wait for a concurrent run's transaction rather than fail
                database = make_url(url).database
                if database and database != ":memory:":
                    Path(database).parent.mkdir(parents=True, exist_ok=True)
            self.engine = create_engine(url, connect_args=args)
            metadata.create_all(self.engine)
        except (SQLAlchemyError, ArgumentError, ValueError, OSError) as exc:
            raise RegistryError(f"cannot open the registry {url!r}: {exc}") from None

    def claim(self, number: str, course: str, actor_key: str, actor: dict, name: str, score: float, date: str) -> bool:
        """Reserve a certificate; False when it is already issued or claimed by a live run."""
        row = {"number": number, "course": course, "actor_key": actor_key, "actor": json.dumps(actor),
               "name": name, "score": score, "date": date, "status": "pending", "claimed_at": _now()}
        try:
            with self.engine.begin() as db:
                db.execute(insert(certificates).values(**row))
            return True
        except IntegrityError:
            stale = (datetime.now(timezone.utc) - STALE_CLAIM).isoformat(timespec="seconds")
            with self.engine.begin() as db:  # take over a claim its run never finished
                taken = db.execute(update(certificates)
                                   .where(certificates.c.number == number, certificates.c.status == "pending",
                                          certificates.c.claimed_at < stale)
                                   .values(claimed_at=row["claimed_at"]))
            return taken.rowcount == 1

    def issued(self, number: str) -> None:
        with self.engine.begin() as db:
            db.execute(update(certificates).where(certificates.c.number == number).values(status="issued"))

    def release(self, number: str) -> None:
        with self.engine.begin() as db:
            db.execute(delete(certificates).where(certificates.c.number == number, certificates.c.status == "pending"))

    def find(self, number: str) -> Certificate | None:
        with self.engine.connect() as db:
            row = db.execute(select(certificates).where(certificates.c.number == number)).mappings().first()
        if row is None:
            return None
        return Certificate(row["number"], row["course"], json.loads(row["actor"]), row["name"], row["score"],
                           row["date"], row["status"])

    # -- between runs --------------------------------------------------------------------------

    def load(self, course: str) -> tuple[dict[str, str], list[str], str | None]:
        """Saved progress per learner, voided statement ids, and the watermark."""
        with self.engine.connect() as db:
            saved = {r.actor_key: r.data for r in db.execute(select(progress).where(progress.c.course == course))}
            ids = [r.statement_id for r in db.execute(select(voided).where(voided.c.course == course))]
            mark = db.execute(select(watermarks.c.stored).where(watermarks.c.course == course)).scalar()
        return saved, ids, mark

    def save(self, course: str, snapshot: dict[str, str], voided_ids: set[str], watermark: str) -> None:
        with self.engine.begin() as db:
            db.execute(delete(progress).where(progress.c.course == course))
            if snapshot:
                db.execute(insert(progress), [{"course": course, "actor_key": k, "data": v} for k, v in snapshot.items()])
            db.execute(delete(voided).where(voided.c.course == course))
            if voided_ids:
                db.execute(insert(voided), [{"course": course, "statement_id": i} for i in sorted(voided_ids)])
            if watermark:
                db.execute(delete(watermarks).where(watermarks.c.course == course))
                db.execute(insert(watermarks).values(course=course, stored=watermark))
