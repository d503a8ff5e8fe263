"""Signed bundles (工作实录包): a BagIt bag of one branch's period, signed with the branch's Ed25519
key, carried on a USB stick to the upstream office, verified there and aggregated across branches.

`keys` (the branch's key pair), `trust` (the upstream office's registry of branch keys), `extract`
(what the bundle says), `build`, `verify`, `aggregate`.
"""


class BundleError(Exception):
    """A bundle, key or registry operation that cannot proceed, worded for the secretary."""
