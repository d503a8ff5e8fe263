"""The one way to touch the database: `Store` owns the connection, transactions and the audit chain."""
from desktop_app.core.store.connection import SealedPeriodError, Store, StoreError, open_store

__all__ = ["Store", "StoreError", "SealedPeriodError", "open_store"]
