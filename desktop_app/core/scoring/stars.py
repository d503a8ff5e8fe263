"""Branch star rating from the standard's checklist, as the profile says: one star per aspect
whose items are all struck off (county six stars, 五规范三满意), or stars from the share of items
struck off (堡垒指数 bands). A 党委 or 党总支 is rated itself and each 党支部 below it."""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from desktop_app.core import orgs
from desktop_app.core.rules.engine import profile_for
from desktop_app.core.rules.profile import RuleProfile
from desktop_app.core.scoring.checklist import STRUCK, ChecklistItem, checklist, standard_of
from desktop_app.core.store import Store


@dataclass(frozen=True)
class Aspect:
    name: str
    met: int
    total: int

    @property
    def starred(self) -> bool:
        return self.met == self.total


@dataclass(frozen=True)
class StarRating:
    org_id: int
    org_name: str
    year: int
    title: str
    method: str
    stars: int
    max_stars: int
    level: str
    target_stars: int | None
    aspects: tuple[Aspect, ...]
    items: tuple[ChecklistItem, ...]

    @property
    def struck(self) -> int:
        return sum(1 for item in self.items if item.status == STRUCK)


def rate(store: Store, org_id: int, year: int, *, today: str | None = None,
         profile: RuleProfile | None = None) -> StarRating:
    profile = profile or profile_for(store, org_id)
    standard = standard_of(profile)
    items = checklist(store, org_id, year, today=today, profile=profile)
    aspects = tuple(Aspect(name, sum(1 for i in items if i.aspect == name and i.status == STRUCK),
                           sum(1 for i in items if i.aspect == name))
                    for name in standard.aspects)
    if standard.method == "aspects":
        stars, most = sum(1 for a in aspects if a.starred), len(aspects)
    else:
        share = Fraction(sum(1 for i in items if i.status == STRUCK), len(items))
        stars = next((band.stars for band in standard.bands if share >= band.min), 0)
        most = max(band.stars for band in standard.bands)
    return StarRating(org_id, orgs.get(store, org_id).name, year, standard.title, standard.method,
                      stars, most, standard.level_of(stars), standard.target_stars, aspects,
                      tuple(items))


def rate_all(store: Store, org_id: int, year: int, *, today: str | None = None) -> list[StarRating]:
    """The organisation and, for a 党委/党总支, each 党支部 below it (55-req #12 sets both)."""
    org = orgs.get(store, org_id)
    ratings = [rate(store, org_id, year, today=today)]
    if org.kind in ("党委", "党总支"):
        below = set(orgs.subtree_ids(store, org_id))
        ratings += [rate(store, o.id, year, today=today) for o in orgs.all_orgs(store)
                    if o.kind == "党支部" and o.id in below]
    return ratings
