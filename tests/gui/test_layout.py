"""Issue 26: on a 1366×768 laptop screen the first start fits the window and leaves the
findings list and the table list room for at least 8 rows each, also once a cell is
selected (its crop of the page shown under the table). In a child process: the screen
size is the platform's, fixed when the application starts (tests/gui/layout_probe.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from gui.window_layout import ROWS
from tests.gui.layout_probe import SCREEN, screen_config

ROOT = Path(__file__).resolve().parents[2]


def test_first_start_at_1366x768_shows_8_rows_in_each_list(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM=screen_config(tmp_path))
    done = subprocess.run(
        [sys.executable, "-m", "tests.gui.layout_probe", str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["screen"] == [0, 0, *SCREEN]
    x, y, width, height = seen["window"]
    assert x >= 0 and y >= 0 and x + width <= SCREEN[0] and y + height <= SCREEN[1]
    for state in ("opened", "cell"):
        assert seen[state]["findings_rows"] >= ROWS, (state, seen)
        assert seen[state]["table_list_rows"] >= ROWS, (state, seen)
        # the lists sit side by side under page and table: the editor keeps 8 rows too
        assert seen[state]["editor_rows"] >= ROWS, (state, seen)
    assert seen["cell"]["source_crop_shown"]
    assert seen["opened"]["editor_height"] > seen["cell"]["editor_height"] > 0
