"""RSS 2.0 feeds to plain dicts of element text, shared by We Work Remotely and declarative feed boards."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from careercopilot.scraping.errors import MalformedResponse

# Entity declarations are how XML bombs start; a job feed never needs them.
_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY")


def feed_items(body: bytes, host: str) -> list[dict[str, str]]:
    """Each <item> as {tag: text}; namespaced tags keep their local name; repeated tags are comma-joined."""
    head = body[:4096].upper()
    if any(marker in head for marker in _FORBIDDEN):
        raise MalformedResponse(f"{host} returned a feed with a DOCTYPE, which we refuse to parse.")
    if not body.strip():
        raise MalformedResponse(f"{host} returned an empty body where an RSS feed was expected.")
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as error:
        raise MalformedResponse(f"{host} returned a feed that is not valid XML ({error}).") from None
    if root.tag.lower() not in ("rss", "rdf", "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}rdf"):
        raise MalformedResponse(f"{host} returned XML that is not an RSS feed (root <{root.tag}>).")
    items = []
    for element in root.iter("item"):
        fields: dict[str, str] = {}
        for child in element:
            name = child.tag.rsplit("}", 1)[-1]
            text = (child.text or "").strip() or child.attrib.get("url", "")
            fields[name] = f"{fields[name]}, {text}" if name in fields and text else fields.get(name) or text
        items.append(fields)
    return items
