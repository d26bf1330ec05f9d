"""Accept or reject all tracked changes of a .docx in LibreOffice; print its text.

Run with the Python that has LibreOffice's `uno` module (Debian: python3-uno,
/usr/bin/python3):  python3 lo_changes.py accept|reject|none IN.docx OUT.txt

It starts a private headless LibreOffice, dispatches "Accept All" or
"Reject All" as a person would from the Edit > Track Changes menu, and saves
the document as UTF-8 text.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue


def _prop(name: str, value: object) -> PropertyValue:
    prop = PropertyValue()
    prop.Name = name
    prop.Value = value
    return prop


def main(mode: str, source: Path, target: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="remiss-lo-") as tmp:
        pipe = f"remiss{Path(tmp).name}"
        office = subprocess.Popen(
            [
                "soffice",
                "--headless",
                "--norestore",
                "--nolockcheck",
                f"-env:UserInstallation={Path(tmp, 'profil').as_uri()}",
                f"--accept=pipe,name={pipe};urp;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
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
            manager = context.ServiceManager
            desktop = manager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", context
            )
            document = desktop.loadComponentFromURL(
                source.resolve().as_uri(), "_blank", 0, (_prop("Hidden", True),)
            )
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
            document.close(True)
            try:
                desktop.terminate()
            except Exception:  # noqa: BLE001 - the bridge closes as it quits
                pass
        finally:
            try:
                office.wait(timeout=30)
            except subprocess.TimeoutExpired:
                office.kill()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))
