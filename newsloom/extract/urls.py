"""Canonical URLs: one spelling per article address, so the same article fetched twice is known.

``canonical_url`` lowercases the scheme and host, drops the default port, the
fragment and tracking parameters (``utm_*``, ``fbclid``, ...), and sorts what
is left of the query. It never guesses beyond that: ``www.`` and trailing
slashes on paths are kept, since sites serve different pages under them.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

WEB_SCHEMES = ("http", "https")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Parameters that say how a reader arrived, never which article they read.
_TRACKING = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid", "mc_cid", "mc_eid",
    "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "rb_clickid", "s_cid",
    "cmpid", "ocid", "ncid", "ito", "smid", "sr_share", "ref_src", "ref_url", "wt.mc_id", "icid",
})
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_", "hsa_")


def is_web_url(text: str) -> bool:
    """True for a string that names an http or https address (what ingest fetches instead of opening)."""
    return text.split(":", 1)[0].lower() in WEB_SCHEMES and "://" in text[:10]


def canonical_url(url: str) -> str:
    """The address with tracking parameters, fragment and default port removed; other URLs unchanged."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # an unparseable port or bracket: keep what the source said
        return url.strip()
    scheme = parts.scheme.lower()
    if scheme not in WEB_SCHEMES or not parts.hostname:
        return url.strip()
    host = parts.hostname.rstrip(".")
    if ":" in host:
        host = f"[{host}]"  # IPv6 literal
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = f"{userinfo}@{host}" if userinfo else host
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k))
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def _tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING or lowered.startswith(_TRACKING_PREFIXES)
