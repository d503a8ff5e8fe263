"""The organisation chooser shared by the home and 体检 pages: 党委, 党总支 and 党支部, indented."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from desktop_app.core import orgs
from desktop_app.core.store import Store

CHECKED_KINDS = ("党委", "党总支", "党支部")
INDENT = {"党委": "", "党总支": "　", "党支部": "　　"}


def fill_org_combo(combo: QComboBox, store: Store) -> None:
    """Refill, keeping the chosen organisation; the top one is chosen at first."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for org in orgs.all_orgs(store):
        if org.kind in CHECKED_KINDS:
            combo.addItem(INDENT[org.kind] + org.name, org.id)
    combo.setCurrentIndex(max(combo.findData(chosen), 0))
    combo.blockSignals(False)
