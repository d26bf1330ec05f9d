"""Accept or reject all tracked changes of a .docx in LibreOffice; print its text.

Run with the Python that has LibreOffice's `uno` module (Debian: python3-uno,
/usr/bin/python3):  python3 lo_changes.py accept|reject|none IN.docx OUT.txt

It starts a private headless LibreOffice, dispatches "Accept All" or
"Reject All" as a person would from the Edit > Track Changes menu, and saves
the document as UTF-8 text.

    python3 lo_changes.py serve

does the same for many documents with one LibreOffice: it reads requests
"MODE<tab>IN.docx<tab>OUT.txt" a line at a time from standard input and
answers each with a line "ok" or "error: WHAT" on standard output; LibreOffice
quits when standard input ends.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue


def _prop(name: str, value: object) -> PropertyValue:
    prop = PropertyValue()
    prop.Name = name
    prop.Value = value
    return prop


@contextmanager
def office() -> Iterator[object]:
    """Start a private headless LibreOffice; yield its component context."""
    with tempfile.TemporaryDirectory(prefix="remiss-lo-") as tmp:
        pipe = f"remiss{Path(tmp).name}"
        process = subprocess.Popen(
            [
                "soffice",
                "--headless",
                "--norestore",
                "--nolockcheck",
                f"-env:UserInstallation={Path(tmp, 'profil').as_uri()}",
                f"--accept=pipe,name={pipe};urp;",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # so that every office process ends with it
        )
        try:
            local = uno.getComponentContext()
            resolver = local.ServiceManager.createInstanceWithContext(
                "com.sun.star.bridge.UnoUrlResolver", local
            )
            context = None
            for _ in range(300):
                try:
                    context = resolver.resolve(
                        f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext"
                    )
                    break
                except Exception:  # noqa: BLE001 - not listening yet
                    time.sleep(0.2)
            if context is None:
                raise SystemExit("LibreOffice did not start")
            try:
                yield context
            finally:
                desktop = context.ServiceManager.createInstanceWithContext(
                    "com.sun.star.frame.Desktop", context
                )
                try:
                    desktop.terminate()
                except Exception:  # noqa: BLE001 - the bridge closes as it quits
                    pass
        finally:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                pass
            try:  # LibreOffice's helper processes too
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()


def convert(context: object, mode: str, source: Path, target: Path) -> None:
    """Open `source`, accept or reject all changes (or neither), save as text."""
    manager = context.ServiceManager
    desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    document = desktop.loadComponentFromURL(
        source.resolve().as_uri(), "_blank", 0, (_prop("Hidden", True),)
    )
    try:
        if mode != "none":
            helper = manager.createInstanceWithContext(
                "com.sun.star.frame.DispatchHelper", context
            )
            command = (
                ".uno:AcceptAllTrackedChanges"
                if mode == "accept"
                else ".uno:RejectAllTrackedChanges"
            )
            frame = document.getCurrentController().getFrame()
            helper.executeDispatch(frame, command, "", 0, ())
        document.storeToURL(
            target.resolve().as_uri(),
            (
                _prop("FilterName", "Text (encoded)"),
                _prop("FilterOptions", "UTF8"),
            ),
        )
    finally:
        document.close(True)


def main(mode: str, source: Path, target: Path) -> None:
    with office() as context:
        convert(context, mode, source, target)


def serve() -> None:
    with office() as context:
        for line in sys.stdin:
            try:
                mode, source, target = line.rstrip("\n").split("\t")
                if mode not in ("accept", "reject", "none"):
                    raise ValueError(f"unknown mode {mode!r}")
                convert(context, mode, Path(source), Path(target))
            except Exception as exc:  # noqa: BLE001 - reported to the caller
                print(f"error: {type(exc).__name__}: {exc}", flush=True)
            else:
                print("ok", flush=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["serve"]:
        serve()
    else:
        main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))
