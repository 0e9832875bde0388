"""Pages for researchers who do not write SPARQL first: search, browse, entity pages built from
panels (server/panels/*.sparql), the quality report."""

from __future__ import annotations

from server.browse import lists, quality, search

# (path, endpoint, name): registered by server.app with GET and HEAD
ROUTES = (
    ("/search", search.search_page, "search"),
    ("/search.json", search.search_json, "search-json"),
    ("/browse", lists.overview, "browse"),
    ("/browse/{kind}", lists.kind_page, "browse-kind"),
    ("/quality", quality.quality_page, "quality"),
)
