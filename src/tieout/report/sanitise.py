"""A filing's own HTML, made safe to show: an allow-list of tags, attributes and styles.

Filing markup is never trusted. What is kept is what lays out a release (tables, cells,
paragraphs, fonts, borders, alignment); everything else goes: scripts, styles sheets,
event handlers, links, images, frames, forms, inline XBRL's hidden header, and any
style value that could fetch or run something (``url()``, ``expression()``, ``@import``,
escapes). Tags not on the list are dropped but their text kept, so no figure is lost.
No ``position`` is kept, and the report shows the markup in a box that clips what
overflows it, so a filing cannot lay itself over the page's own panels.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

# Whole subtrees that are not text of the release (or are active content).
_DROP_TREE = {
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "base",
    "iframe", "frame", "frameset", "object", "embed", "applet", "param", "img", "image",
    "picture", "source", "video", "audio", "track", "canvas", "svg", "math", "map", "area",
    "form", "input", "button", "select", "option", "textarea", "dialog", "portal",
    "ix:header", "ix:hidden", "xml",
}  # fmt: skip
_KEEP = {
    "div", "p", "span", "br", "hr", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
    "caption", "colgroup", "col", "b", "i", "u", "s", "strong", "em", "font", "sup", "sub",
    "small", "big", "center", "ul", "ol", "li", "dl", "dt", "dd", "h1", "h2", "h3", "h4",
    "h5", "h6", "pre", "blockquote", "strike", "tt", "code", "abbr", "address", "section",
    "article", "header", "footer", "nobr", "wbr",
}  # fmt: skip
_ATTRIBUTES = {
    "align", "valign", "colspan", "rowspan", "width", "height", "border", "cellpadding",
    "cellspacing", "nowrap", "bgcolor", "color", "size", "face", "style",
}  # fmt: skip
_ATTRIBUTE_VALUE = re.compile(r"^[\w#%.,\- ]{0,80}$")
_NUMBER = re.compile(r"^\d{1,4}$")
# what XML (and so lxml's element API) refuses: C0 controls but tab and line breaks, lone
# surrogates, U+FFFE and U+FFFF
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_PROPERTIES = {
    "text-align", "vertical-align", "font-weight", "font-style", "font-size", "font-family",
    "font-variant", "text-decoration", "text-indent", "text-transform", "line-height",
    "letter-spacing", "word-spacing", "white-space", "color", "background-color", "width",
    "min-width", "max-width", "height", "padding", "padding-left", "padding-right",
    "padding-top", "padding-bottom", "margin", "margin-left", "margin-right", "margin-top",
    "margin-bottom", "border", "border-top", "border-bottom", "border-left", "border-right",
    "border-width", "border-style", "border-color", "border-top-width", "border-top-style",
    "border-top-color", "border-bottom-width", "border-bottom-style", "border-bottom-color",
    "border-left-width", "border-left-style", "border-left-color", "border-right-width",
    "border-right-style", "border-right-color", "border-collapse", "border-spacing",
    "display", "float", "clear", "page-break-before", "page-break-after", "overflow",
}  # fmt: skip
# Values made of words, numbers, units, colours and rgb()/rgba(): nothing that fetches or runs.
_VALUE = re.compile(r"^(?:[\w#%.,+\-'\" ]|(?:rgba?|hsla?)\([\d.,% ]*\))*$", re.ASCII)
_DISPLAY = {"none", "block", "inline", "inline-block", "table", "table-row", "table-cell"}


def clean_style(style: str) -> str:
    """The declarations of a style attribute that are on the list, with safe values."""
    kept = []
    if "\\" in style or "/*" in style or "@" in style:
        return ""
    for declaration in style.split(";"):
        name, sep, value = declaration.partition(":")
        name, value = name.strip().lower(), value.strip()
        if not sep or name not in _PROPERTIES or not value or len(value) > 120:
            continue
        lowered = value.lower()
        if not _VALUE.match(value) or "url" in lowered or "expression" in lowered:
            continue
        if name == "display" and lowered not in _DISPLAY:
            continue
        kept.append(f"{name}: {value}")
    return "; ".join(kept)


def _clean_attributes(el: etree._Element) -> None:
    """Only the listed attributes, with safe values; every other one goes (read as pairs:
    a name the parser let through may be one lxml refuses to look up)."""
    kept: list[tuple[str, str]] = []
    for name, value in el.items():
        low = str(name).lower()
        if low not in _ATTRIBUTES:
            continue
        if low == "style":
            value = clean_style(value)
            if not value:
                continue
        elif low in ("colspan", "rowspan"):
            if not _NUMBER.match(value.strip()):
                continue
        elif not _ATTRIBUTE_VALUE.match(value):
            continue
        kept.append((low, value))
    el.attrib.clear()
    for name, value in kept:
        el.set(name, value)


def sanitise(markup: str) -> lxml.html.HtmlElement:
    """The body of the markup, cleaned, as a ``div`` (see the module docstring)."""
    parser = lxml.html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, huge_tree=True
    )
    # a character XML refuses becomes U+FFFD, one for one (offsets into the markup hold)
    markup = _NOT_XML.sub("\ufffd", markup)
    root = lxml.html.document_fromstring(markup or "<p></p>", parser=parser)
    body = root.find("body")
    if body is None:
        body = root
    for el in list(body.iter()):
        if not isinstance(el.tag, str):  # an entity or comment the parser kept
            parent = el.getparent()
            if parent is not None:
                parent.remove(el)
            continue
        tag = el.tag.lower()
        if tag in _DROP_TREE:
            if el.getparent() is not None:
                el.drop_tree()
        elif tag not in _KEEP:
            if el is not body and el.getparent() is not None:
                el.drop_tag()
        else:
            _clean_attributes(el)
    body.tag = "div"
    body.attrib.clear()
    return body
