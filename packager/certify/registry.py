"""The certificate registry: one certificate per (course, learner), progress between runs, watermark.

SQLite by default (`sqlite:///path`), PostgreSQL (`postgresql+psycopg://user@host/db`) when several
machines share it. "Exactly once" rests on the database: certificate numbers are derived from
(course, learner), and a unique constraint lets only one of several concurrent runs claim a
certificate. A claim is "pending" until its files are written, then "issued"; a failed render
releases it. Each certificate holds its place in a revocation status list (status.py), unique per
course, and, once revoked, the date and reason.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    delete,
    func,
    insert,
    inspect,
    select,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError

from packager.certify.status import PER_LIST, SIZE
from packager.errors import PackagerError

metadata = MetaData()
certificates = Table(
    "certificates",
    metadata,
    Column("number", String(64), primary_key=True),
    Column("course", String(200), nullable=False),
    Column("actor_key", String(1000), nullable=False),
    Column("actor", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("score", Float, nullable=False),
    Column("date", String(40), nullable=False),
    Column("status", String(10), nullable=False),  # pending | issued
    Column("claimed_at", String(40), nullable=False),
    Column("status_list", Integer, nullable=False),
    Column("status_index", Integer, nullable=False),
    Column("revoked_at", String(40)),
    Column("revoked_reason", Text),
    UniqueConstraint("course", "actor_key", name="one_certificate_per_learner"),
    UniqueConstraint("course", "status_list", "status_index", name="one_status_bit_per_certificate"),
)
progress = Table(
    "progress",
    metadata,
    Column("course", String(200), primary_key=True),
    Column("actor_key", String(1000), primary_key=True),
    Column("data", Text, nullable=False),
)
voided = Table(
    "voided",
    metadata,
    Column("course", String(200), primary_key=True),
    Column("statement_id", String(64), primary_key=True),
)
watermarks = Table(
    "watermarks",
    metadata,
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
    status: str  # pending | issued
    status_list: int
    status_index: int
    revoked_at: str | None = None
    revoked_reason: str | None = None


def _certificate(row) -> Certificate:
    return Certificate(
        row["number"],
        row["course"],
        json.loads(row["actor"]),
        row["name"],
        row["score"],
        row["date"],
        row["status"],
        row["status_list"],
        row["status_index"],
        row["revoked_at"],
        row["revoked_reason"],
    )


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "(unreadable URL)"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


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
            columns = {c["name"] for c in inspect(self.engine).get_columns("certificates")}
        except (SQLAlchemyError, ArgumentError, ValueError, OSError, ImportError) as exc:
            raise RegistryError(f"cannot open the registry {_safe(url)}: {exc}") from None
        if "status_index" not in columns:
            raise RegistryError(
                f"the registry {_safe(url)} was made by an older packager, without revocation "
                "status lists: certify into a new registry"
            )

    def claim(
        self, number: str, course: str, actor_key: str, actor: dict, name: str, score: float, date: str
    ) -> Certificate | None:
        """Reserve a certificate and its status bit; None when it is already issued or claimed by a live run."""
        row = {
            "number": number,
            "course": course,
            "actor_key": actor_key,
            "actor": json.dumps(actor),
            "name": name,
            "score": score,
            "date": date,
            "status": "pending",
            "claimed_at": _now(),
        }
        for _ in range(20):  # a random status index can be taken by another claim: draw again
            with self.engine.connect() as db:
                issued = db.execute(
                    select(func.count()).select_from(certificates).where(certificates.c.course == course)
                ).scalar_one()
            row.update(status_list=issued // PER_LIST, status_index=secrets.randbelow(SIZE))
            try:
                with self.engine.begin() as db:
                    db.execute(insert(certificates).values(**row))
                return self.find(number)
            except IntegrityError:
                if self.find(number) is not None or self._learner_claimed(course, actor_key):
                    return self._take_over(number)
        raise RegistryError(f"no free revocation status index for {number} after 20 draws")

    def _learner_claimed(self, course: str, actor_key: str) -> bool:
        with self.engine.connect() as db:
            return (
                db.execute(
                    select(certificates.c.number).where(
                        certificates.c.course == course, certificates.c.actor_key == actor_key
                    )
                ).first()
                is not None
            )

    def _take_over(self, number: str) -> Certificate | None:
        """Take over a claim its run never finished."""
        stale = (datetime.now(UTC) - STALE_CLAIM).isoformat(timespec="seconds")
        with self.engine.begin() as db:
            taken = db.execute(
                update(certificates)
                .where(
                    certificates.c.number == number,
                    certificates.c.status == "pending",
                    certificates.c.claimed_at < stale,
                )
                .values(claimed_at=_now())
            )
        return self.find(number) if taken.rowcount == 1 else None

    def issued(self, number: str) -> None:
        with self.engine.begin() as db:
            db.execute(update(certificates).where(certificates.c.number == number).values(status="issued"))

    def release(self, number: str) -> None:
        with self.engine.begin() as db:
            db.execute(delete(certificates).where(certificates.c.number == number, certificates.c.status == "pending"))

    def find(self, number: str) -> Certificate | None:
        with self.engine.connect() as db:
            row = db.execute(select(certificates).where(certificates.c.number == number)).mappings().first()
        return None if row is None else _certificate(row)

    def revoke(self, number: str, reason: str) -> Certificate:
        """Record that an issued certificate is revoked (now, for `reason`)."""
        with self.engine.begin() as db:
            done = db.execute(
                update(certificates)
                .where(
                    certificates.c.number == number,
                    certificates.c.status == "issued",
                    certificates.c.revoked_at.is_(None),
                )
                .values(revoked_at=_now(), revoked_reason=reason)
            )
        record = self.find(number)
        if record is None or record.status != "issued":
            raise RegistryError(f"certificate {number} is not in the registry")
        if done.rowcount != 1:
            raise RegistryError(
                f"certificate {number} was already revoked on {(record.revoked_at or '')[:10]}: {record.revoked_reason}"
            )
        return record

    def certificates(self, course: str) -> list[Certificate]:
        """Every issued certificate of the course, by number."""
        with self.engine.connect() as db:
            rows = (
                db.execute(
                    select(certificates)
                    .where(certificates.c.course == course, certificates.c.status == "issued")
                    .order_by(certificates.c.number)
                )
                .mappings()
                .all()
            )
        return [_certificate(row) for row in rows]

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
                db.execute(
                    insert(progress), [{"course": course, "actor_key": k, "data": v} for k, v in snapshot.items()]
                )
            db.execute(delete(voided).where(voided.c.course == course))
            if voided_ids:
                db.execute(insert(voided), [{"course": course, "statement_id": i} for i in sorted(voided_ids)])
            if watermark:
                db.execute(delete(watermarks).where(watermarks.c.course == course))
                db.execute(insert(watermarks).values(course=course, stored=watermark))
