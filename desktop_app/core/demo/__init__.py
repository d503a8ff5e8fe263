"""A synthetic ledger, deterministic by seed and scalable by size: for `--demo`, tests and bench.

Every part of the ledger adds its own share (`roster`, then the records that refer to it), so a
demo ledger exercises the same code paths that a secretary's typing does.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from desktop_app.core.demo import disclosure, dues, meetings, roster
from desktop_app.core.store import Store


@dataclass(frozen=True)
class DemoSpec:
    members: int = 60
    years: int = 2
    seed: int = 1
    last_year: int = date.today().year

    @property
    def first_year(self) -> int:
        return self.last_year - self.years + 1


def generate(store: Store, spec: DemoSpec) -> roster.DemoRoster:
    rng = random.Random(spec.seed)
    with store.transaction():
        built = roster.generate(store, spec, rng)
        meetings.generate(store, spec, rng, built)
        dues.generate(store, spec, rng, built)
        disclosure.generate(store, spec, rng, built)
    return built
