"""The style sheet of every HTML page: the Word look on screen and on paper.

On screen a document is a sheet of paper on a grey desk; printed it is A4
with the standard look's margins, fonts and header. The header with Dnr,
date and page numbers is repeated on every printed page through the page's
margin boxes (see `page.print_rules`), as Word repeats its page header.
"""

from __future__ import annotations

BASE_CSS = """\
:root{--text:#1a1a1a;--accent:#000;--line:#8c8c8c;--mark:#9b1c1c;--link:#0b4f9c}
*{box-sizing:border-box}
html{background:#e9e9e6;color:var(--text);
font:12pt/1.45 "Times New Roman","Liberation Serif",Times,serif}
body{margin:0;padding:1.5rem 1rem 3rem}
a{color:var(--link)}
a:focus-visible{outline:3px solid var(--link);outline-offset:2px}
nav.sidnavigering{max-width:210mm;margin:0 auto 1rem;
font-family:Arial,"Liberation Sans",Helvetica,sans-serif;font-size:11pt}
nav.sidnavigering ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;
gap:.4rem 1.5rem}
article.handling{background:#fff;max-width:210mm;margin:0 auto 2rem;
padding:14mm 25mm 25mm;box-shadow:0 1px 4px rgba(0,0,0,.25)}
header.sidhuvud{display:flex;justify-content:space-between;gap:2rem;
font-family:Arial,"Liberation Sans",Helvetica,sans-serif;font-size:10pt;
line-height:1.35;margin:0 0 24mm}
header.sidhuvud p{margin:0}
header.sidhuvud .hoger{min-width:45%}
.markering{display:inline-block;margin:.35rem 0 0;padding:.1rem .5rem;
border:2px solid var(--mark);color:var(--mark);font-weight:bold;
letter-spacing:.05em;font-family:Arial,"Liberation Sans",Helvetica,sans-serif}
header.sidhuvud p.markering{margin-top:.35rem}
h1,h2,h3,h4,h5,h6{font-family:Arial,"Liberation Sans",Helvetica,sans-serif;
color:var(--accent);font-weight:bold;line-height:1.25;break-after:avoid}
h1{font-size:16pt;margin:12pt 0 6pt}
h2{font-size:13pt;margin:16pt 0 4pt}
h3{font-size:11pt;margin:12pt 0 3pt}
h4,h5,h6{font-size:11pt;font-style:italic;margin:10pt 0 2pt}
p{margin:0 0 8pt}
p.underrubrik{font-family:Arial,"Liberation Sans",Helvetica,sans-serif;
font-size:12pt;margin-top:-2pt}
ol,ul{margin:0 0 8pt;padding-left:2em}
li{margin:0 0 3pt}
li>p{margin:3pt 0}
blockquote{margin:0 0 8pt 2em}
.kolumner{display:flex;flex-wrap:wrap;gap:.5rem 2rem;margin:0 0 14pt}
.kolumner .kolumn{flex:1 1 12rem}
.kolumner p{margin:0}
.kolumner.underskrift{margin-top:20pt}
.kolumner.adressat{font-size:11pt}
p.underpunkt{margin:0 0 2pt 2em}
.punktrubrik,.underpunktrubrik{font-size:11pt;font-style:normal;
padding-left:3em;text-indent:-3em}
.punktrubrik{margin:12pt 0 3pt}
.underpunktrubrik{font-weight:normal;margin:6pt 0 2pt 3em}
.tabell{overflow-x:auto;margin:6pt 0 4pt}
table{border-collapse:collapse;font-size:11pt;width:100%}
caption{text-align:left;font-weight:bold;padding:0 0 3pt;
font-family:Arial,"Liberation Sans",Helvetica,sans-serif;font-size:11pt}
th,td{border:1px solid var(--line);padding:2pt 6pt;vertical-align:top;
text-align:left}
thead th{background:#f0f0ee}
tbody th{font-weight:normal}
.tal{text-align:right;font-variant-numeric:tabular-nums}
p.kalla{font-size:10pt;margin-top:2pt}
p.tabellrubrik{font-weight:bold}
img{max-width:100%;height:auto}
.bild-saknas{font-style:italic}
ins{background:#e6f4ea}
del{background:#fce8e6}
code{font-family:"DejaVu Sans Mono","Liberation Mono",monospace;font-size:.9em}
@media (max-width:40rem){
body{padding:0}
article.handling{padding:1rem;box-shadow:none;margin:0}
header.sidhuvud{flex-direction:column;gap:.5rem;margin-bottom:1.5rem}
}
@media print{
html{background:none;font-size:12pt}
body{padding:0}
nav.sidnavigering{display:none}
article.handling{max-width:none;margin:0;padding:0;box-shadow:none}
article.handling+article.handling{break-before:page}
header.sidhuvud{display:none}
a{color:inherit;text-decoration:none}
tr,img{break-inside:avoid}
thead{display:table-header-group}
}
"""
