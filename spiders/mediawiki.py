"""Base spider for the MediaWiki Action API (Wikipedia, Wikinews, Wikidata's api.php).

Robots policy: Wikimedia's robots.txt has ``Disallow: /w/``, which covers ``/w/api.php``; API clients are
governed by API:Etiquette instead (see /work/shared/sources/ENDPOINTS.md). So this spider does not obey
robots.txt and follows the etiquette: serial requests (CONCURRENT_REQUESTS_PER_DOMAIN=1, AutoThrottle),
``maxlag=5`` on every call, gzip (Scrapy's HttpCompressionMiddleware sends Accept-Encoding), a
descriptive User-Agent with contact, and on ``maxlag``/``ratelimited``/429/503 a retry that honours
``Retry-After`` (``spiders.retry``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, ClassVar
from urllib.parse import urlencode

import scrapy
from scrapy.http import Response

from spiders.base import OpenTIDSpider
from spiders.retry import parse_retry_after, retry_later

#: API error codes that mean "come back later" rather than "this request is wrong".
RETRYABLE_API_ERRORS = {"maxlag", "ratelimited", "readonly", "internal_api_error_DBQueryTimeoutError"}


def api_url(endpoint: str, params: dict[str, str]) -> str:
    """The URL of an API call: ``format=json`` and ``maxlag=5`` added, parameters sorted, so the same
    call always has the same URL (the archive and replay match on it)."""
    full = {"format": "json", "maxlag": "5", **params}
    return endpoint + "?" + urlencode(sorted(full.items()))


class MediaWikiSpider(OpenTIDSpider):
    robots_txt = False
    robots_reason = ("Wikimedia robots.txt disallows /w/ (incl. /w/api.php); API use is governed by "
                     "API:Etiquette, which this spider follows (serial, maxlag=5, gzip, Retry-After, UA)")
    api_endpoint: ClassVar[str] = "https://en.wikipedia.org/w/api.php"
    custom_settings: ClassVar[dict[str, Any]] = {"CONCURRENT_REQUESTS_PER_DOMAIN": 1}

    def api_request(self, params: dict[str, str], callback: Callable[..., Any], *, conditional: bool = False,
                    cb_kwargs: dict[str, Any] | None = None) -> scrapy.Request:
        return scrapy.Request(
            api_url(self.api_endpoint, params), callback=callback, cb_kwargs=cb_kwargs or {},
            meta={"api_params": params, "conditional": conditional},
        )

    def api_json(self, response: Response) -> tuple[dict[str, Any] | None, scrapy.Request | None]:
        """(data, None) for a usable answer; (None, retry) when the API asked us to come back later;
        (None, None) after recording a fault."""
        data = self.load_json(response)
        if data is None:
            return None, None
        if not isinstance(data, dict):
            self.fault(response, "unexpected-shape", f"API answer is a {type(data).__name__}, not an object")
            return None, None
        error = data.get("error")
        if error:
            code = str(error.get("code", "unknown"))
            if code in RETRYABLE_API_ERRORS:
                retry = retry_later(response.request, self, f"mediawiki-{code}",
                                    parse_retry_after(response.headers.get("Retry-After")))
                if retry is not None:
                    return None, retry
            self.fault(response, f"api-error:{code}", str(error.get("info", ""))[:300])
            return None, None
        return data, None

    def continuation(self, response: Response, data: dict[str, Any],
                     callback: Callable[..., Any]) -> Iterator[scrapy.Request]:
        """The next request of a ``continue``-d query, if any."""
        cont = data.get("continue")
        if cont:
            params = dict(response.meta.get("api_params") or {})
            params.update({k: str(v) for k, v in cont.items()})
            yield self.api_request(params, callback)
