"""DMARC-style identifier alignment (RFC 7489 §3.1.1, relaxed mode). Pure.

A valid DKIM signature only proves that its d= domain signed the mail;
anyone can sign with their own domain. It says something about the From
address only when d= and the From domain share an organizational domain
(`mail.suse.com` aligns with `suse.com`, `evil.example` does not).

The organizational domain comes from the Public Suffix List as tldextract
ships it (its bundled snapshot, private suffixes such as github.io
included, never fetched at run time); for a name the list does not know,
the last two labels (the registered-domain heuristic).
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _extractor():
    import tldextract  # only when DKIM is required

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None,
                                 include_psl_private_domains=True)


@lru_cache(maxsize=256)
def organizational_domain(domain: str) -> str:
    """`lists.xen.org` → `xen.org`; lower-cased, without a trailing dot."""
    domain = domain.strip().rstrip(".").lower()
    if not domain:
        return ""
    found = _extractor()(domain)
    registered = getattr(found, "top_domain_under_public_suffix", None)
    if registered is None:  # tldextract < 5.3
        registered = found.registered_domain
    if registered:
        return registered
    if found.suffix and not found.domain:  # a public suffix itself: no organization
        return ""
    return ".".join(domain.split(".")[-2:])


def aligned(signing_domain: str, from_domain: str) -> bool:
    """Relaxed alignment: the same organizational domain (and neither empty)."""
    org = organizational_domain(signing_domain)
    return bool(org) and org == organizational_domain(from_domain)
