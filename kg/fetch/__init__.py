"""`kg fetch`: harvest the daily press releases from info.gov.hk (or a mirror) into a folder.

`site` knows the site's addresses and reads its daily index pages; `http` is the polite client
(robots.txt, a delay between requests, retries, Retry-After, conditional GET); `store` is the
dated folder and its manifest; `harvest` walks the days; `progress` draws the bar.
"""

from kg.fetch.harvest import FetchOptions, Summary, fetch

__all__ = ["FetchOptions", "Summary", "fetch"]
