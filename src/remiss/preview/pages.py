"""The preview's pages: the index, and a document with its check findings
beside the source lines they concern.

A document page is the very HTML page `remiss render --format html` writes,
with the preview's parts added: a bar on top, the source files with their
findings beside the document, and a small script that reloads the page when
a file of the project is saved. Without the script the page reads the same;
only the reload is lost.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from remiss.blocks import LINK, Document, Paragraph, Run
from remiss.errors import Diagnostic
from remiss.html import PageInfo, render_page
from remiss.html.body import esc
from remiss.input.yaml import load_yaml_file
from remiss.model.project import Project
from remiss.preview.sources import Page
from remiss.render.meeting import COMBINED_SUFFIX

DIGEST_META = "remiss-sammanfattning"


PREVIEW_CSS = """\
body.forhandsvisning{padding-top:0}
nav.forhandsvisning{display:flex;flex-wrap:wrap;gap:.3rem 1.5rem;align-items:baseline;
margin:0 -1rem 1rem;padding:.6rem 1rem;background:#1f3b57;color:#fff;
font:11pt/1.4 Arial,"Liberation Sans",Helvetica,sans-serif}
nav.forhandsvisning a{color:#fff}
nav.forhandsvisning .status{font-weight:bold}
aside.granskning{font:10.5pt/1.4 Arial,"Liberation Sans",Helvetica,sans-serif;
background:#fff;max-width:210mm;margin:0 auto 2rem;padding:1rem 1.25rem;
box-shadow:0 1px 4px rgba(0,0,0,.25)}
aside.granskning h2{font-size:13pt;margin:0 0 .5rem}
aside.granskning h3{font-size:11pt;font-style:normal;margin:1rem 0 .3rem}
.kallkod{font:9.5pt/1.45 "DejaVu Sans Mono","Liberation Mono",monospace;
border:1px solid #c8c8c8;background:#fafafa}
.kallkod .rad{display:flex;white-space:pre-wrap;overflow-wrap:anywhere}
.kallkod .nr{flex:0 0 3.2em;text-align:right;padding-right:.6em;color:#545454;
user-select:none;border-right:1px solid #d8d8d8;margin-right:.5em}
.kallkod .rad.markerad{background:#fff3cd}
.fynd{font:10pt/1.4 Arial,"Liberation Sans",Helvetica,sans-serif;
margin:.15rem 0 .35rem 3.7em;padding:.3rem .6rem;border-left:4px solid #9b1c1c;
background:#fdf0ef}
.fynd.varning{border-left-color:#8a5a00;background:#fff8e6}
.fynd p{margin:0}
.fynd .tips{color:#333}
ul.fyndlista{margin:.3rem 0 .6rem;padding-left:1.2em}
@media (min-width:80rem){
body.forhandsvisning{display:grid;
grid-template-columns:minmax(0,210mm) minmax(22rem,1fr);gap:0 1.5rem;align-items:start}
body.forhandsvisning>nav{grid-column:1/-1}
body.forhandsvisning>main article.handling{margin-left:0}
aside.granskning{position:sticky;top:.5rem;max-height:calc(100vh - 1rem);overflow:auto;
margin:0}
}
@media print{nav.forhandsvisning,aside.granskning{display:none}}
"""


RELOAD_SCRIPT = """\
(function(){
var meta=document.querySelector('meta[name="@META@"]');
if(!meta||!window.fetch){return;}
var seen=meta.getAttribute("content");
function poll(){
fetch("/andringar",{cache:"no-store"}).then(function(r){return r.text();})
.then(function(now){
if(now.trim()!==seen){location.reload();}else{setTimeout(poll,500);}})
.catch(function(){setTimeout(poll,2000);});
}
setTimeout(poll,500);
})();
""".replace("@META@", DIGEST_META)


def index_page(project: Project, pages: list[Page], digest: str) -> bytes:
    """Return the start page: the project's meetings and cases, and what is
    wrong with remiss.yaml."""
    doc = Document()
    doc.blocks.append(Paragraph("heading 1", [Run("Ärenden och möten")]))
    doc.blocks.append(
        Paragraph(
            "Normal",
            [
                Run(
                    "Varje sida visar dokumentet som det blir och fynden från "
                    "remiss check bredvid raderna i källfilen. Sidorna uppdateras "
                    "av sig själva när en fil sparas. Inget skrivs till output/."
                )
            ],
        )
    )
    groups = (
        ("Sammanträden", [p for p in pages if p.meeting]),
        ("Ärenden", [p for p in pages if not p.meeting]),
    )
    for heading, found in groups:
        doc.blocks.append(Paragraph("heading 2", [Run(heading)]))
        if not found:
            doc.blocks.append(Paragraph("Normal", [Run("Inga filer.")]))
            continue
        doc.list_count += 1
        for page in found:
            title, note = _label(page, project)
            doc.blocks.append(
                Paragraph(
                    "List Bullet",
                    [Run(title, (LINK,), page.url), Run(f" ({note})")],
                    list_id=doc.list_count,
                )
            )
    html = render_page(doc, PageInfo("Förhandsvisning")).decode()
    findings = project.diagnostics
    aside = ""
    if findings and project.file is not None:
        aside = _aside({project.file.resolve(): findings}, project, findings)
    bar = f"<span>Förhandsvisning av {esc(project.root.name)}</span>"
    if findings:
        errors = sum(d.is_error for d in findings)
        counts = _counts(errors, len(findings) - errors)
        bar += f'<span class="status">remiss.yaml: {esc(counts)}</span>'
    return decorate(html, digest, bar, aside)


def _label(page: Page, project: Project) -> tuple[str, str]:
    """Return a page's title, read from its file, and the file's name."""
    path = page.job.path
    name = _shown(path, project)
    data = load_yaml_file(path).data
    data = data if isinstance(data, dict) else {}
    if page.meeting:
        parts = [
            data.get("rubrik", "Föredragningslista"),
            data.get("nämnd"),
            data.get("datum"),
        ]
        title = " ".join(str(p) for p in parts if p)
        if page.output.endswith(f"{COMBINED_SUFFIX}.html"):
            title += ", samtliga handlingar"
    else:
        title = str(data.get("rubrik") or path.name)
        if data.get("status", "utkast") == "utkast":
            name += ", utkast"
    return title, name


def broken_page(path: Path, project: Project) -> bytes:
    """Return the page shown in place of a document that cannot be made."""
    doc = Document(
        [
            Paragraph("heading 1", [Run(f"{_shown(path, project)} kan inte visas")]),
            Paragraph(
                "Normal",
                [
                    Run(
                        "Filen har fel som hindrar att dokumentet skapas. Felen står "
                        "vid raderna de gäller i källtexten. Sidan visar dokumentet "
                        "igen när felen är rättade och filen sparad."
                    )
                ],
            ),
        ]
    )
    return render_page(doc, PageInfo(f"{path.name} kan inte visas"))


def document_page(
    html: bytes,
    page: Page,
    project: Project,
    found: list[Diagnostic],
    digest: str,
) -> bytes:
    """Return a rendered document with the preview's bar, findings and script."""
    by_file: dict[Path, list[Diagnostic]] = defaultdict(list)
    own = page.job.path.resolve()
    by_file[own] = []
    for d in found:
        by_file[_resolved(d.path, project)].append(d)
    errors = sum(d.is_error for d in found)
    warnings = len(found) - errors
    bar = (
        '<a href="/">Alla ärenden och möten</a>'
        f"<span>{esc(_shown(own, project))}</span>"
        f'<span class="status" role="status">{esc(_counts(errors, warnings))}</span>'
    )
    return decorate(html.decode("utf-8"), digest, bar, _aside(by_file, project, found))


def decorate(html: str, digest: str, bar: str, aside: str) -> bytes:
    """Return a page with the preview's style, bar, aside and reload script."""
    head = (
        f'<meta name="{DIGEST_META}" content="{esc(digest)}">\n'
        f"<style>\n{PREVIEW_CSS}</style>\n"
    )
    html = html.replace("</head>", head + "</head>", 1)
    html = html.replace("<body>", '<body class="forhandsvisning">', 1)
    nav = (
        f'<nav class="forhandsvisning" aria-label="Förhandsvisning">{bar}</nav>\n'
        if bar
        else ""
    )
    html = html.replace(
        '<body class="forhandsvisning">\n', f'<body class="forhandsvisning">\n{nav}', 1
    )
    html = html.replace("</main>\n", f"</main>\n{aside}", 1)
    html = html.replace("</body>", f"<script>\n{RELOAD_SCRIPT}</script>\n</body>", 1)
    return html.encode("utf-8")


def _counts(errors: int, warnings: int) -> str:
    if not errors and not warnings:
        return "Inga fel eller varningar"
    parts = []
    if errors:
        parts.append(f"{errors} fel")
    if warnings:
        parts.append(f"{warnings} {'varning' if warnings == 1 else 'varningar'}")
    return " och ".join(parts)


def _aside(
    by_file: dict[Path, list[Diagnostic]], project: Project, found: list[Diagnostic]
) -> str:
    out = [
        '<aside class="granskning" aria-labelledby="granskning-rubrik" tabindex="0">',
        '<h2 id="granskning-rubrik">Kontroll</h2>',
    ]
    errors = sum(d.is_error for d in found)
    out.append(f"<p>{esc(_counts(errors, len(found) - errors))}.</p>")
    for index, (path, findings) in enumerate(by_file.items(), 1):
        out.append(_source(index, path, findings, project))
    out.append("</aside>\n")
    return "\n".join(out)


def _source(index: int, path: Path, found: list[Diagnostic], project: Project) -> str:
    """Return one file's lines, each finding right below the line it concerns."""
    anchor = f"k{index}"
    out = [f'<h3 id="{anchor}">{esc(_shown(path, project))}</h3>']
    try:
        lines = path.read_text("utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    at: dict[int, list[Diagnostic]] = defaultdict(list)
    for d in found:
        at[d.line if 1 <= d.line <= len(lines) else 0].append(d)
    if found:
        out.append('<ul class="fyndlista">')
        for d in found:
            where = (
                f"#{anchor}-rad-{d.line}" if d.line in at and d.line else f"#{anchor}"
            )
            text = f"Rad {d.line}: {d.code} {d.message}"
            out.append(f'<li><a href="{where}">{esc(text)}</a></li>')
        out.append("</ul>")
    out.extend(_finding(d) for d in at.get(0, []))
    out.append('<div class="kallkod">')
    for number, text in enumerate(lines, 1):
        marked = " markerad" if number in at else ""
        out.append(
            f'<div class="rad{marked}" id="{anchor}-rad-{number}" data-rad="{number}">'
            f'<span class="nr">{number}</span><code>{esc(text) or " "}</code></div>'
        )
        out.extend(_finding(d) for d in at.get(number, []))
    out.append("</div>")
    return "\n".join(out)


def _finding(d: Diagnostic) -> str:
    kind, label = ("fel", "Fel") if d.is_error else ("varning", "Varning")
    where = f"rad {d.line}, kolumn {d.col}" if d.line else "hela filen"
    hint = f'<p class="tips">Tips: {esc(d.hint)}</p>' if d.hint else ""
    return (
        f'<div class="fynd {kind}" data-rad="{d.line}" data-kod="{esc(d.code)}">'
        f"<p><strong>{label} {esc(d.code)}</strong> ({where}): {esc(d.message)}</p>"
        f"{hint}</div>"
    )


def _resolved(path: str, project: Project) -> Path:
    p = Path(path)
    if not p.is_absolute():
        candidate = (Path.cwd() / p).resolve()
        p = candidate if candidate.exists() else (project.root / p).resolve()
    return p.resolve()


def _shown(path: Path, project: Project) -> str:
    try:
        return path.resolve().relative_to(project.root).as_posix()
    except ValueError:
        return path.as_posix()
