"""HTML pages from the document model, as accessible as the law asks.

A leaf like `docx/`: it imports only the foundation. `render` gives it the
same document model the Word writer gets, and the properties its header
shows; out comes one standalone, deterministic HTML5 page.
"""

from remiss.html.body import safe_href
from remiss.html.page import PageInfo, Part, render_page, render_parts

__all__ = ["PageInfo", "Part", "render_page", "render_parts", "safe_href"]
