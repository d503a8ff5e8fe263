"""Party dues (党费): the standard, the monthly ledger with receipts, quarterly settlement, disclosure."""
