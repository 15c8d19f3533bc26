"""Exhibition Markdown as safe HTML: markdown-it without raw HTML, then an nh3 allow-list.

Staff write the text, but a stolen or careless staff account must not be able to put script
on public pages, so the output is sanitised even though raw HTML is already off.

>>> render_markdown("# Dzirnavas\\n\\n*Ūdrupe* <script>x</script>")
'<h2>Dzirnavas</h2>\\n<p><em>Ūdrupe</em> &lt;script&gt;x&lt;/script&gt;</p>'
"""
from __future__ import annotations

import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

TAGS = {"p", "h2", "h3", "h4", "em", "strong", "a", "ul", "ol", "li", "blockquote", "br", "hr"}
ATTRIBUTES = {"a": {"href"}}
# relative links (to items, collections, other exhibitions) pass: nh3 keeps them by default
URL_SCHEMES = {"http", "https", "mailto"}
LOWEST_HEADING = 4
# "1937. gadā …", "25. martā …": a Latvian or Lithuanian ordinal opening a line is followed by a
# lower-case word, where a numbered list item starts with a capital; its dot is escaped so
# the paragraph does not turn into a list starting at 1937
ORDINAL = re.compile(r"^( {0,3}\d{1,9})\.([ \t]+\w)", re.MULTILINE)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # no images: an image would be dropped by the allow-list with its alt text; left as a
    # plain "![…](…)" the author at least sees that it does not work
    return MarkdownIt("commonmark", {"html": False}).disable("image")


def render_markdown(source: str, top: int = 2) -> str:
    """``source`` as sanitised HTML, its highest heading made ``<h{top}>`` and the others below.

    The page title is the ``<h1>``, so whether an author starts a text with ``#`` or ``##``
    its headings follow on in order (WCAG 1.3.1); levels past ``<h4>`` are kept at ``<h4>``.
    """
    parser = _parser()
    tokens = parser.parse(_keep_ordinals(source or ""))
    headings = [token for token in tokens if token.type in ("heading_open", "heading_close")]
    highest = min((int(token.tag[1]) for token in headings), default=1)
    for token in headings:
        token.tag = f"h{min(int(token.tag[1]) - highest + top, LOWEST_HEADING)}"
    html = parser.renderer.render(tokens, parser.options, {})
    return clean_html(html).strip()


def _keep_ordinals(source: str) -> str:
    """``source`` with the dot after a line-opening ordinal escaped (see ``ORDINAL``)."""
    def escape(match: re.Match) -> str:
        number, rest = match.groups()
        return f"{number}\\.{rest}" if rest[-1].islower() else match.group(0)
    return ORDINAL.sub(escape, source)


def clean_html(html: str) -> str:
    """``html`` with every tag, attribute and link scheme outside the allow-list removed."""
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel=None, strip_comments=True)


def markdown_filter(source: str, top: int = 2) -> Markup:
    """The Jinja filter ``markdown``: sanitised HTML, marked safe for the template."""
    return Markup(render_markdown(source, top))
