"""Run an app under a pseudo-terminal and time it to its first paint, for `clerk-tui bench`.

The app appends {"what", "t", "rss_mib"} to the paint file when its screen is painted
(CLERK_BENCH_PAINT_FILE) and exits; the wall time counts from just before the process
is started. Peak RSS is the child's own high-water mark (VmHWM in /proc/PID/status),
sampled until it exits: its ru_maxrss is useless here, because Linux carries the
parent's RSS at fork time into a forked child's ru_maxrss.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import struct
import subprocess
import sys
import termios
import threading
import time
from dataclasses import dataclass
from pathlib import Path

COLS, ROWS = 120, 40


@dataclass(frozen=True)
class PaintRun:
    seconds: float  # process start to first paint
    rss_mib: float  # RSS the app reported when it painted
    peak_rss_mib: float  # the process's peak RSS (ru_maxrss)


class PaintTimeout(RuntimeError):
    """The app did not report a paint in time; the message carries its last output."""


def _drain(fd: int, sink: bytearray) -> None:
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            return
        if not data:
            return
        sink += data
        del sink[:-4000]


def _hwm_mib(pid: int) -> float:
    """The process's peak resident memory so far (Linux), or 0 where it cannot be read."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def run_to_paint(
    argv: list[str], env: dict[str, str], paint_file: Path, timeout: float = 60
) -> PaintRun:
    """Start `argv` on a fresh pty, wait for its paint line, and for it to exit."""
    paint_file.unlink(missing_ok=True)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    full_env = {
        **os.environ,
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "COLUMNS": str(COLS),
        "LINES": str(ROWS),
        "CLERK_BENCH_PAINT_FILE": str(paint_file),
        **env,
    }
    output = bytearray()
    t0 = time.time()
    proc = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=full_env, start_new_session=True
    )
    os.close(slave)
    reader = threading.Thread(target=_drain, args=(master, output), daemon=True)
    reader.start()
    line = None
    deadline = time.monotonic() + timeout
    status = None
    hwm = 0.0
    try:
        while time.monotonic() < deadline:
            if paint_file.exists():
                text = paint_file.read_text(encoding="utf-8").strip()
                if text.endswith("}"):
                    line = json.loads(text.splitlines()[0])
                    break
            hwm = max(hwm, _hwm_mib(proc.pid))
            pid, status, _usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                proc.returncode = status
                break
            time.sleep(0.002)
        if line is None and paint_file.exists():
            text = paint_file.read_text(encoding="utf-8").strip()
            line = json.loads(text.splitlines()[0]) if text else None
        if proc.returncode is None:
            end = time.monotonic() + 20
            while time.monotonic() < end:
                hwm = max(hwm, _hwm_mib(proc.pid))
                pid, status, _usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    proc.returncode = status
                    break
                time.sleep(0.01)
    finally:
        if proc.returncode is None:
            proc.kill()
            _pid, status, _usage = os.wait4(proc.pid, 0)
            proc.returncode = status
        os.close(master)
        reader.join(timeout=1)
    if line is None:
        tail = output.decode("utf-8", "replace")[-600:]
        raise PaintTimeout(
            f"{' '.join(argv[1:])}: no paint reported (exit status {status}). {tail}"
        )
    reported = float(line.get("rss_mib", 0))
    return PaintRun(float(line["t"]) - t0, reported, hwm or reported)


def app_argv(db_path: Path) -> list[str]:
    return [sys.executable, "-m", "clerk_tui", "--db", str(db_path)]


def floor_argv(paint_file: Path) -> list[str]:
    return [sys.executable, "-m", "clerk_tui.bench.floor", str(paint_file)]
