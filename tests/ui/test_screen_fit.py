"""Every window fits a 1366×768 screen at 125 % and 150 % scaling, taskbar included (issue #14).

Qt applies QT_SCALE_FACTOR once at start-up, so each factor runs fit_probe.py in its own
offscreen process whose screen is 1366×768 less a 40-logical-px taskbar.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QScrollArea

from desktop_app.core import orgs
from desktop_app.core.meetings import kinds
from desktop_app.ui.meeting_editor import new_record_editor

PROBE = Path(__file__).with_name("fit_probe.py")
TASKBAR = 40   # logical px: Windows keeps the taskbar's logical height under scaling


def probe(tmp_path, factor: float) -> dict:
    screen = {"screens": [{"name": "office", "x": 0, "y": 0, "width": 1366,
                           "height": round(768 - TASKBAR * factor), "logicalDpi": 96, "dpr": 1}]}
    config = tmp_path / "screen.json"
    config.write_text(json.dumps(screen))
    env = {**os.environ, "QT_SCALE_FACTOR": str(factor),
           "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "PYTHONPATH": os.pathsep.join([str(Path(__file__).parents[2]),
                                          os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, str(PROBE)], env=env, capture_output=True, text=True,
                          timeout=300, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("factor", [1.25, 1.5])
def test_every_window_fits_the_scaled_screen(tmp_path, factor):
    report = probe(tmp_path, factor)
    width, height = report["screen"]
    assert (width, height) == (round(1366 / factor), round(768 / factor) - TASKBAR)
    assert "会议记录" in report["windows"] and "主窗口" in report["windows"]
    for name, sizes in report["windows"].items():
        min_w, min_h = sizes["min"]
        x, y, w, h = sizes["frame"]
        assert min_w <= width and min_h <= height, (name, sizes)
        # +1: the offscreen platform reports a maximised frame one pixel past the screen.
        assert x >= 0 and y >= 0 and x + w <= width + 1 and y + h <= height + 1, (name, sizes)


def test_meeting_editor_buttons_stay_outside_the_scroll_area(qtbot, ctx):
    branch = next(o for o in orgs.all_orgs(ctx.store) if o.kind == "党支部")
    editor = new_record_editor(ctx, None, branch.id, kinds.BRANCH_MEETING, "2025-12-20")
    qtbot.addWidget(editor)
    editor.resize(600, 300)   # far smaller than its content
    editor.show()
    qtbot.waitExposed(editor)
    save = editor.form.buttonBox.button(QDialogButtonBox.StandardButton.Save)
    area = editor.findChild(QScrollArea)
    assert area.isAncestorOf(editor.form.minutesEdit)
    assert not area.isAncestorOf(save)
    assert editor.rect().contains(save.geometry().translated(save.parentWidget().pos()))
    assert area.verticalScrollBar().maximum() > 0
