"""RSS 2.0 and Atom 1.0 feeds to plain dicts of element text, shared by We Work Remotely and declarative feed boards."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from careercopilot.scraping.errors import MalformedResponse

# Entity declarations are how XML bombs start; a job feed never needs them.
_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY")
_RSS_ROOTS = ("rss", "rdf", "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}rdf")
_ATOM = "{http://www.w3.org/2005/Atom}"


def feed_items(body: bytes, host: str) -> list[dict[str, str]]:
    """Each RSS <item> or Atom <entry> as {field: text}, an Atom entry's fields under their RSS 2.0 names."""
    root = _parse(body, host)
    if root.tag == f"{_ATOM}feed":
        return [_atom_entry(entry, root) for entry in root.findall(f"{_ATOM}entry")]
    if root.tag.lower() not in _RSS_ROOTS:
        raise MalformedResponse(f"{host} returned XML that is neither an RSS nor an Atom feed (root <{root.tag}>).")
    return [_rss_item(element) for element in root.iter("item")]


def _parse(body: bytes, host: str) -> ElementTree.Element:
    head = body[:4096].upper()
    if any(marker in head for marker in _FORBIDDEN):
        raise MalformedResponse(f"{host} returned a feed with a DOCTYPE, which we refuse to parse.")
    if not body.strip():
        raise MalformedResponse(f"{host} returned an empty body where an RSS or Atom feed was expected.")
    try:
        return ElementTree.fromstring(body)
    except ElementTree.ParseError as error:
        raise MalformedResponse(f"{host} returned a feed that is not valid XML ({error}).") from None


def _rss_item(element: ElementTree.Element) -> dict[str, str]:
    """{tag: text}; namespaced tags keep their local name; repeated tags are comma-joined."""
    fields: dict[str, str] = {}
    for child in element:
        name = child.tag.rsplit("}", 1)[-1]
        text = (child.text or "").strip() or child.attrib.get("url", "")
        fields[name] = f"{fields[name]}, {text}" if name in fields and text else fields.get(name) or text
    return fields


def _atom_entry(entry: ElementTree.Element, feed: ElementTree.Element) -> dict[str, str]:
    fields = {
        "title": _atom_text(entry, "title"),
        "link": _atom_link(entry),
        "guid": _atom_text(entry, "id"),
        "pubDate": _atom_text(entry, "published") or _atom_text(entry, "updated"),
        # <content> is the whole text; <summary> may be a teaser of it.
        "description": _atom_text(entry, "content") or _atom_text(entry, "summary"),
        # An entry without an author has the feed's (RFC 4287 §4.2.1): one employer's own feed names it once.
        "author": _atom_author(entry) or _atom_author(feed),
        "category": ", ".join(_atom_terms(entry)),
    }
    return {name: value for name, value in fields.items() if value}


def _atom_text(element: ElementTree.Element, name: str) -> str:
    """A text construct: html and text types arrive unescaped as the element's text, xhtml as child elements."""
    found = element.find(f"{_ATOM}{name}")
    return "".join(found.itertext()).strip() if found is not None else ""


def _atom_author(element: ElementTree.Element) -> str:
    return (element.findtext(f"{_ATOM}author/{_ATOM}name") or "").strip()


def _atom_terms(entry: ElementTree.Element) -> list[str]:
    terms = (category.get("term", "").strip() for category in entry.findall(f"{_ATOM}category"))
    return [term for term in terms if term]


def _atom_link(entry: ElementTree.Element) -> str:
    """The entry's web page: a <link> with rel="alternate", the default rel; others point at feeds or files."""
    for link in entry.findall(f"{_ATOM}link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href", "").strip():
            return link.get("href", "").strip()
    return ""
