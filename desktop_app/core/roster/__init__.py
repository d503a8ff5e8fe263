"""The 花名册 in and out: real roster files read (formats → sheet → rows), planned against the
ledger (plan), written in one transaction (apply), and exported (export).

    formats.py  file bytes → tables (xlsx, xls, CSV, "Unicode 文本", HTML/XML saved as .xls)
    xlsx_reader.py  an .xlsx's values, hidden rows and merges in one streaming pass
    columns.py  header labels real systems use → fields
    cells.py    one cell as typed → its value (escapes, controls, guards, placeholders)
    names.py    the normal form of a name (middle dots, CJK extension blocks)
    sheet.py    the header row, and which rows are people (合计, signatures … skipped)
    rows.py     one row → a Member, with plausibility checks
    plan.py     rows against the ledger: adds, updates, new orgs, errors; nothing written
    apply.py    the plan, planned again and written all at once
    export.py   the roster and the blank template as .xlsx
"""
