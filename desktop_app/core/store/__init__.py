"""The one way to touch the database: `Store` owns the connection, transactions and the audit chain."""
from desktop_app.core.store.connection import (LedgerUnavailable, SealedPeriodError, Store, StoreError,
                                               open_store)

__all__ = ["Store", "StoreError", "SealedPeriodError", "LedgerUnavailable", "open_store"]
