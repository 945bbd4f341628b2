"""Headless Chromium for the screenshot script and the browser test.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


def find_chromium() -> str | None:
    """The path of a Chromium binary (Debian's ``chromium`` package), else None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def run_chromium(url: str, *, screenshot: Path | None = None, dump_dom: bool = False,
                 size: tuple[int, int] = (1280, 2000), timeout: float = 90) -> str:
    """Open ``url`` in headless Chromium; take a screenshot or return the DOM after load.

    Raises:
        FileNotFoundError: no Chromium (``apt-get install chromium``).
        RuntimeError: Chromium failed.
    """
    binary = find_chromium()
    if binary is None:
        raise FileNotFoundError("chromium not found: apt-get install -y --no-install-recommends chromium")
    with tempfile.TemporaryDirectory(prefix="review-chromium-") as profile:
        cmd = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--hide-scrollbars", f"--user-data-dir={profile}", f"--window-size={size[0]},{size[1]}"]
        if screenshot is not None:
            cmd.append(f"--screenshot={screenshot}")
        if dump_dom:
            cmd.append("--dump-dom")
        cmd.append(url)
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    if proc.returncode != 0 or (screenshot is not None and not Path(screenshot).is_file()):
        raise RuntimeError(f"chromium exited with {proc.returncode}: {proc.stderr[-2000:]}")
    return proc.stdout
