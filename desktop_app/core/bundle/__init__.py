"""Signed bundles (工作实录包): a BagIt 1.0 bag of one branch's period, signed with the branch's
Ed25519 key, carried on a USB stick to the upstream office, verified there and aggregated across
branches; the office's signed 回执 comes back the same way.

Branch side: `keys`, `extract` (what the bundle says; schema in resources/schemas/),
`continuity` (chain head, previous bundle, corrections), `build` (with `bag`, `signature`,
`readme`, `summary_pdf`; the year's book with `with_book`), `receipt_import`.
Upstream side: `trust` (registered branch keys), `unzip` + `verify` (+ `schema`, `text`),
`history` (the bundles seen, continuity warnings), `aggregate` (+ `verify_pool`, one worker
process per CPU), `receipt` (signing reviews).
"""
from desktop_app.core.errors import WordedError


class BundleError(WordedError):
    """A bundle, key or registry operation that cannot proceed, worded for the secretary."""
