"""Which organisation holds a meeting of a kind, from the one the secretary has chosen."""
from __future__ import annotations

from desktop_app.core import orgs
from desktop_app.core.meetings import kinds
from desktop_app.core.store import Store


def org_for_kind(store: Store, org_id: int, kind: str) -> int:
    """The organisation that holds a meeting of `kind`, starting from `org_id`: a 党小组会 needs a
    党小组 (the branch's first), a 支委会 or 谈心谈话 the branch above a 党小组."""
    org = orgs.get(store, org_id)
    if kind == kinds.GROUP_MEETING and org.kind != "党小组":
        groups = [o for o in orgs.children(store, org.id) if o.kind == "党小组"]
        return groups[0].id if groups else org_id
    if kind != kinds.GROUP_MEETING and org.kind == "党小组" and org.parent_id \
            and kinds.template(kind).audience != kinds.BRANCH:
        return org.parent_id
    return org_id


def depth(store: Store, org: orgs.Organisation) -> int:
    """How many organisations are above `org` (0 for the top), for indenting a chooser."""
    found = 0
    while org.parent_id is not None:
        found += 1
        org = orgs.get(store, org.parent_id)
    return found
