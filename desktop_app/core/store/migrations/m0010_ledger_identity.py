"""Schema 10: a random identity in the file header (`PRAGMA application_id`), so that things that
belong to one ledger — its signing key — are not shared by another ledger in the same folder.

The header travels with the file: backups (SQLite's backup API copies page 1) and restores keep it.
It is set once; nonzero means already set.
"""
import secrets


def migrate(conn) -> None:
    if conn.execute("PRAGMA application_id").fetchone()[0] == 0:
        conn.execute(f"PRAGMA application_id = {secrets.randbelow(2**31 - 2) + 1}")
