"""The HTTP headers the public site is served with: who may show its pages in a frame.

A static site cannot send headers itself, and ``frame-ancestors`` is ignored in a
``<meta>`` element, so the web server sends them.  ``miljomal publish`` writes them as an
nginx include (:data:`NGINX_CONF`) from :func:`headers_for`, the one place the policy is
decided: the embed pages under ``inbadda/`` may be framed by any site (or the origins the
county names), every other page only by the site itself.
"""

from __future__ import annotations

import re
import urllib.parse

from reports.errors import ReportError

EMBED_FOLDER = "inbadda/"
NGINX_CONF = ".miljomal-headers.nginx.conf"
ANY_SITE = "*"
# Nothing on the site runs a script, loads a font or posts a form.
_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors {ancestors}"
)
# A source in frame-ancestors: *, 'self', a scheme, or a host with scheme, port and path.
_SOURCE = re.compile(r"\*|'self'|https?:|https?://[A-Za-z0-9.*-]+(:[0-9]{1,5})?(/[^\s;,']*)?")


# The site's address: http(s), a host, and a plain path (it becomes an nginx location).
_BASE_URL = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?")


class FrameAncestorsError(ReportError, ValueError):
    """The origins allowed to frame the embeds are not a list of CSP sources."""


class BaseUrlError(ReportError, ValueError):
    """The site's address is not an http(s) address with a plain path."""


def check_base_url(base_url: str) -> str:
    """``base_url`` if it is ``https://host[:port][/path]`` with a plain path."""
    if not _BASE_URL.fullmatch(base_url):
        raise BaseUrlError("bad-base-url", value=base_url)
    return base_url


def check_frame_ancestors(ancestors: str) -> str:
    """``ancestors`` if every part is a CSP source (``*``, ``https://kommun.se``...)."""
    parts = ancestors.split()
    if not parts or not all(_SOURCE.fullmatch(part) for part in parts):
        raise FrameAncestorsError("bad-frame-ancestors", value=ancestors)
    return " ".join(parts)


def is_embed(path: str) -> bool:
    """True for an embed page (a path of the site, with or without its leading /)."""
    return path.lstrip("/").startswith(EMBED_FOLDER)


def headers_for(path: str, frame_ancestors: str = ANY_SITE) -> dict[str, str]:
    """The headers of the site's file at ``path`` (relative to the site's root)."""
    embed = is_embed(path)
    headers = {
        "Content-Security-Policy": _POLICY.format(
            ancestors=check_frame_ancestors(frame_ancestors) if embed else "'self'"
        ),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
    }
    if not embed:  # for browsers that do not know frame-ancestors
        headers["X-Frame-Options"] = "SAMEORIGIN"
    return headers


def nginx_conf(base_url: str | None, frame_ancestors: str = ANY_SITE) -> str:
    """An nginx include with both locations: the site, and its embed pages."""
    prefix = urllib.parse.urlsplit(base_url).path if base_url else "/"
    prefix = prefix if prefix.endswith("/") else prefix + "/"
    lines = [
        "# Written by `miljomal publish`: include it in the server block that serves the site.",
        "# Embed pages may be shown in a frame on other sites; every other page only here.",
    ]
    for location, sample in ((prefix, "index.html"), (prefix + EMBED_FOLDER, EMBED_FOLDER)):
        lines.append(f"location {location} {{")
        for name, value in headers_for(sample, frame_ancestors).items():
            lines.append(f'    add_header {name} "{value}" always;')
        lines.append("}")
    return "\n".join(lines) + "\n"
