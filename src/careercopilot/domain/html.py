"""Board descriptions to safe HTML and plain text: unescape, fix mojibake, keep only harmless markup."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from careercopilot.domain.text import clean_line, clean_text

_ALLOWED = frozenset(
    [
        "p",
        "br",
        "div",
        "span",
        "ul",
        "ol",
        "li",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "s",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "a",
        "blockquote",
        "pre",
        "code",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "hr",
        "sub",
        "sup",
        "dl",
        "dt",
        "dd",
        "small",
    ]
)
# Their content is code or chrome, never part of the job text.
_DROPPED = frozenset(
    [
        "script",
        "style",
        "iframe",
        "object",
        "embed",
        "noscript",
        "template",
        "svg",
        "math",
        "head",
        "title",
        "form",
        "button",
        "select",
        "textarea",
        "frameset",
        "frame",
        "applet",
        "base",
        "link",
        "meta",
        "canvas",
        "audio",
        "video",
    ]
)
_VOID = frozenset({"br", "hr"})
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "ul",
        "ol",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "tr",
        "hr",
        "dl",
        "dt",
        "dd",
    ]
)
# Opening one of these while the same tag is innermost closes the previous one, as browsers do.
_SIBLINGS = frozenset({"li", "p", "tr", "td", "th", "dt", "dd"})
_SAFE_SCHEMES = ("http://", "https://", "mailto:")
_ESCAPED_TAG = re.compile(r"&lt;/?[a-zA-Z][a-zA-Z0-9]*(?:\s|&gt;|/)")
_REAL_TAG = re.compile(r"<[a-zA-Z!/]")
_ANY_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
# Two-character windows typical of UTF-8 read as Latin-1/cp1252 ("Ã¡", "â€™", "Â ").
# Markup as boards write it: text, and tags whose attributes are all quoted. HTMLParser reads these exactly
# the same way; anything else (comments, bare "<", unquoted or odd attributes, script/style) goes to HTMLParser.
_SIMPLE_TOKEN = (
    r"([^<]+)"
    r"|<([a-zA-Z][a-zA-Z0-9]*)((?:[ \t\n\r\f]+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:=\"[^\"<>]*\"|='[^'<>]*')?)*)"
    r"[ \t\n\r\f]*(/?)>"
    r"|</([a-zA-Z][a-zA-Z0-9]*)>"
)
_SIMPLE_MARKUP = re.compile(_SIMPLE_TOKEN)
# Possessive, so a text that is not simple fails fast; without captures, which possessive repeats mishandle in 3.11.
_SIMPLE_DOCUMENT = re.compile("(?:{})*+".format(re.sub(r"\((?!\?)", "(?:", _SIMPLE_TOKEN)))
_SIMPLE_ATTRIBUTE = re.compile(r"([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:=(\"[^\"]*\"|'[^']*'))?")
# Their content is raw text, not markup: HTMLParser's job.
_RAW_TEXT_TAG = re.compile(r"<(?:script|style)[ \t\n\r\f/>]", re.IGNORECASE)
# Markup of bare tags only (no attributes, no "/>"), the kind most boards send.
_BARE_TAG = re.compile(r"(<(/?)([a-zA-Z][a-zA-Z0-9]*)>)")
# What a bare tag adds to the plain text, as _Sanitizer writes it.
_TEXT_OF_TAG = {
    **{f"<{tag}>": "\n" for tag in _BLOCKS | {"br"}},
    "<li>": "\n• ",
    **{f"</{tag}>": "\n" for tag in _BLOCKS},
}
# The five entities boards escape with: text holding no other "&" unescapes with plain replaces.
_COMMON_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'"), ("&amp;", "&"))
_BLANK_LINES = re.compile(r"\n{3,}")
_MOJIBAKE = re.compile("[ÂÃÅÆÐÑØâ][\u0080-\u00bf\u2018-\u203a\u20ac\u0152\u0153\u0160\u0161\u017d\u017e\u0178]")


def fix_mojibake(text: str) -> str:
    """Repair double-encoded UTF-8 ("MecÃ¡nico" -> "Mecánico"); other text is returned untouched."""
    if not _MOJIBAKE.search(text):
        return text
    # Imported here: ftfy is only needed for the few texts that show mojibake.
    import ftfy

    return ftfy.fix_encoding(text)


def unescape(text: str) -> str:
    """html.unescape, without its per-entity callback when only the five common entities occur."""
    if "&" not in text:
        return text
    if _has_rare_entities(text):
        return html.unescape(text)
    return _unescape_common(text)


def _unescape_common(text: str) -> str:
    # "&amp;" last, so "&amp;lt;" becomes "&lt;" as in one html.unescape pass.
    for entity, character in _COMMON_ENTITIES:
        text = text.replace(entity, character)
    return text


def _has_rare_entities(text: str) -> bool:
    return "&" in text and text.count("&") != sum(text.count(entity) for entity, _ in _COMMON_ENTITIES)


def clean_field(value: object) -> str:
    """A one-line field (title, company, location): entities decoded, stray tags dropped, controls removed."""
    if value is None or isinstance(value, bool):
        return ""
    text = str(value)
    if text.isascii() and text.isprintable() and "&" not in text and "<" not in text:
        # Most fields: no mojibake, entity, tag or control can hide in printable ASCII; only spacing to fold.
        return " ".join(text.split())
    text = fix_mojibake(text)
    if "&" in text:
        text = unescape(unescape(text) if "&amp;" in text else text)
    if "<" in text:
        text = _ANY_TAG.sub(" ", text)
    return clean_line(text)


def describe(value: object) -> tuple[str, str]:
    """Return (sanitized HTML, plain text) for a description given as HTML, escaped HTML or plain text."""
    if not isinstance(value, str) or not value.strip():
        return "", ""
    text = fix_mojibake(value)
    # Greenhouse and some Arbeitnow/WWR items escape their HTML once more ("&lt;p&gt;").
    if _ESCAPED_TAG.search(text) and not _REAL_TAG.search(text):
        text = unescape(text)
    text = _drop_cut_tag(text)
    if not _REAL_TAG.search(text):
        return _from_plain(unescape(text))
    bare = _describe_bare(text)
    if bare is not None:
        return bare
    sanitizer = _Sanitizer()
    if not sanitizer.feed_simple(text):
        sanitizer = _Sanitizer()
        try:
            sanitizer.feed(text)
            sanitizer.close()
        except AssertionError:  # Python 3.11's parser asserts on some broken declarations, such as "<![0"
            return _from_plain(unescape(_ANY_TAG.sub(" ", text)))
    return sanitizer.result()


def _drop_cut_tag(text: str) -> str:
    """The text without a tag left unfinished at its very end, which HTMLParser would keep as literal text."""
    # Boards and recordings that shorten descriptions cut mid-tag: '…</span><span style="overflow: hid'.
    start = text.rfind("<")
    if start == -1 or ">" in text[start:] or not _REAL_TAG.match(text, start):
        return text
    return text[:start]


def _describe_bare(text: str) -> tuple[str, str] | None:
    """What _Sanitizer returns, for markup whose tags are all bare, allowed and each closed where it opened (the
    sanitizer keeps those as they are); None for any other markup."""
    parts = _BARE_TAG.split(text)
    tags, names = parts[1::4], parts[3::4]
    if text.count("<") != len(tags):
        return None
    open_tags: list[str] = []
    for closing, name in zip(parts[2::4], names, strict=True):
        if name not in _ALLOWED:
            return None
        if closing:
            if not open_tags or open_tags.pop() != name:
                return None
        elif name not in _VOID:
            if name in _SIBLINGS and open_tags and open_tags[-1] == name:
                return None
            open_tags.append(name)
    if text.count(">") != len(tags) or _has_rare_entities(text):
        data = [unescape(part) for part in parts[::4]]
        escaped = [html.escape(part, quote=False) for part in data]
        markup = "".join(part + tag for part, tag in zip(escaped, tags, strict=False)) + escaped[-1]
        plain = "".join(part + _TEXT_OF_TAG.get(tag, "") for part, tag in zip(data, tags, strict=False)) + data[-1]
    else:
        # Only "&quot;" and "&#39;" read differently once unescaped and escaped again (quote=False).
        markup = text.replace("&quot;", '"').replace("&#39;", "'") if "&" in text else text
        # Every "&" starts a whole common entity inside one text run: the tags can go first, then one unescape.
        plain = text
        for tag in set(tags):
            plain = plain.replace(tag, _TEXT_OF_TAG.get(tag, ""))
        plain = _unescape_common(plain)
    markup += "".join(f"</{name}>" for name in reversed(open_tags))
    return clean_text(markup).strip(), _tidy(clean_text(plain))


def _from_plain(text: str) -> tuple[str, str]:
    plain = _tidy(clean_text(text))
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", plain) if part.strip()]
    markup = "".join(f"<p>{html.escape(part).replace(chr(10), '<br>')}</p>" for part in paragraphs)
    return markup, plain


def _tidy(text: str) -> str:
    """Each line's spacing folded to single spaces and trimmed; at most one blank line in a row."""
    text = "\n".join([" ".join(line.split()) for line in text.split("\n")])
    # A regex scan costs more than the plain substring test that nearly always says there is nothing to do.
    return (_BLANK_LINES.sub("\n\n", text) if "\n\n\n" in text else text).strip()


class _Sanitizer(HTMLParser):
    """Allow-list rewriter: builds clean markup and its plain text in one pass."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._html: list[str] = []
        self._text: list[str] = []
        self._open: list[str] = []
        self._skipping: list[str] = []

    def feed_simple(self, text: str) -> bool:
        """Read markup as HTMLParser would, with two regex passes instead of its tokenizer; False, having read
        nothing, when the text needs the full parser."""
        if not _SIMPLE_DOCUMENT.fullmatch(text) or _RAW_TEXT_TAG.search(text):
            return False
        for data, start, attributes, closing, end in _SIMPLE_MARKUP.findall(text):
            if data:
                self.handle_data(unescape(data))
            elif end:
                self.handle_endtag(end.lower())
            elif closing:
                self.handle_startendtag(start.lower(), _attributes(attributes))
            else:
                self.handle_starttag(start.lower(), _attributes(attributes))
        return True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skipping or tag in _DROPPED:
            if tag in _DROPPED and tag not in _VOID:
                self._skipping.append(tag)
            return
        if tag in _BLOCKS or tag == "br":
            self._text.append("\n• " if tag == "li" else "\n")
        if tag not in _ALLOWED:
            return
        if tag in _SIBLINGS and self._open and self._open[-1] == tag:
            self._html.append(f"</{self._open.pop()}>")
        self._html.append(f"<{tag}{_safe_attributes(tag, attrs)}>")
        if tag not in _VOID:
            self._open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            if tag == self._skipping[-1]:
                self._skipping.pop()
            return
        if tag in _BLOCKS:
            self._text.append("\n")
        if tag in self._open:
            while self._open:
                closing = self._open.pop()
                self._html.append(f"</{closing}>")
                if closing == tag:
                    break

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        self._html.append(html.escape(data, quote=False))
        self._text.append(data)

    def result(self) -> tuple[str, str]:
        closing = "".join(f"</{tag}>" for tag in reversed(self._open))
        markup = clean_text("".join(self._html) + closing).strip()
        return markup, _tidy(clean_text("".join(self._text)))


def _attributes(text: str) -> list[tuple[str, str | None]]:
    """Quoted attributes as HTMLParser reports them: lower-case names, unquoted and unescaped values."""
    if not text:
        return []
    return [(name.lower(), None if not value else unescape(value[1:-1]) if len(value) > 2 else "")
            for name, value in _SIMPLE_ATTRIBUTE.findall(text)]


def _safe_attributes(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    if tag == "a":
        href = next((value for name, value in attrs if name == "href" and value), "")
        href = clean_line(href)
        if href.lower().startswith(_SAFE_SCHEMES):
            return f' href="{html.escape(href)}" rel="nofollow noopener noreferrer"'
        return ""
    if tag in ("td", "th"):
        spans = [f' {name}="{value}"' for name, value in attrs if name in ("colspan", "rowspan") and value
                 and value.isdigit() and len(value) < 3]  # fmt: skip
        return "".join(spans)
    return ""
