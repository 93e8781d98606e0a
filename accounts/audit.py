"""Which rows of the audit log (Granskningslogg) a county board may see.

An upload or revert belongs to the counties of the municipalities whose values it changed;
one that changed none (a file of unchanged values, or one spanning nothing) carries a
reporter's e-mail and a file name but no municipality, so it belongs to the county of the
person who uploaded it only (`miljomal approval log`, run by whoever holds the store, lists
every row). A county decision belongs to its municipality's county; a year lock (no
municipality) concerns every municipality.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from accounts.models import COUNTY
from accounts.models import REPORTER
from accounts.models import User
from accounts.models import UserMunicipality
from indicators.models import Observation
from indicators.models import Revision
from municipalities.models import Municipality
from review.audit import AuditEntry

_CHUNK = 5000  # upload ids per IN (...) list, well below SQLite's parameter limit


def entries_for_county(
    session: Session, entries: Sequence[AuditEntry], county: str
) -> list[AuditEntry]:
    """The entries a user of ``county`` may see, in the order given."""
    members = set(
        session.scalars(select(Municipality.code).where(Municipality.county_code == county))
    )
    touched = _touched_municipalities(session, [e.upload_id for e in entries if e.upload_id])
    untouched = {e.actor for e in entries if e.upload_id and not touched.get(e.upload_id)}
    homes = _counties_of(session, untouched)
    visible = []
    for entry in entries:
        if entry.upload_id is not None:
            codes = touched.get(entry.upload_id)
            shown = bool(codes & members) if codes else county in homes.get(entry.actor, set())
        else:
            shown = entry.municipality_code is None or entry.municipality_code in members
        if shown:
            visible.append(entry)
    return visible


def _touched_municipalities(session: Session, upload_ids: list[int]) -> dict[int, set[str]]:
    """Each upload's municipalities, those of the values its revisions changed."""
    touched: dict[int, set[str]] = {}
    for start in range(0, len(upload_ids), _CHUNK):
        chunk = upload_ids[start : start + _CHUNK]
        rows = session.execute(
            select(Revision.upload_id, Observation.municipality_code)
            .join(Observation, Observation.id == Revision.observation_id)
            .where(Revision.upload_id.in_(chunk))
            .distinct()
        )
        for upload_id, code in rows:
            if upload_id is not None:
                touched.setdefault(upload_id, set()).add(code)
    return touched


def _counties_of(session: Session, emails: Iterable[str]) -> dict[str, set[str]]:
    """The county of each account: a county user's own, a reporter's municipalities'."""
    wanted = sorted(set(emails))
    if not wanted:
        return {}
    homes: dict[str, set[str]] = {}
    users = session.scalars(select(User).where(User.email.in_(wanted)))
    for user in users:
        if user.role == COUNTY and user.county_code:
            homes[user.email] = {user.county_code}
        elif user.role == REPORTER:
            homes[user.email] = set(
                session.scalars(
                    select(Municipality.county_code)
                    .join(
                        UserMunicipality,
                        UserMunicipality.municipality_code == Municipality.code,
                    )
                    .where(UserMunicipality.user_id == user.id)
                )
            )
    return homes
