"""heritage.web.markdown: exhibition Markdown as HTML that can carry no script."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import lxml.html
import pytest

from heritage.web.markdown import ATTRIBUTES, TAGS, render_markdown

XSS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">klikšķini</a>',
    "[klikšķini](javascript:alert(1))",
    "[klikšķini](JaVaScRiPt:alert(1))",
    "[klikšķini](  javascript:alert(1))",
    "[klikšķini](java&#x09;script:alert(1))",
    "[klikšķini](vbscript:msgbox(1))",
    "[klikšķini](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![bilde](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![bilde](javascript:alert(1))",
    '<iframe src="https://evil.example"></iframe>',
    "<div onmouseover=alert(1)>teksts</div>",
    '<svg><script>alert(1)</script></svg>',
    "<style>body{display:none}</style>",
    '<a href="https://ok.example" onclick="alert(1)">x</a>',
    "[x](https://ok.example \"title\" onclick=alert(1))",
    "<!-- <script>alert(1)</script> -->",
    "`<script>alert(1)</script>`",
    "    <script>alert(1)</script>",
]


def _elements(html: str):
    return [e for e in lxml.html.fragment_fromstring(html, create_parent="div").iter()
            if isinstance(e.tag, str)][1:]


@pytest.mark.parametrize("source", XSS)
def test_no_script_survives(source):
    html = render_markdown(source)
    for element in _elements(html):
        assert element.tag in TAGS, html
        assert set(element.attrib) <= ATTRIBUTES.get(element.tag, set()), html
        # as a browser reads it: tabs and newlines dropped, then the scheme, if any
        href = re.sub(r"[\t\n\r]", "", element.get("href", "")).strip()
        assert urlsplit(href).scheme in ("", "http", "https", "mailto"), html
    assert "<script" not in html.lower()  # as text, it is escaped: "&lt;script"


def test_raw_html_is_shown_as_text_not_run():
    assert render_markdown("<b>treknraksts</b>") == "<p>&lt;b&gt;treknraksts&lt;/b&gt;</p>"


@pytest.mark.parametrize("source, expected", [
    ("*Ūdrupe* un **dzirnavas**", "<p><em>Ūdrupe</em> un <strong>dzirnavas</strong></p>"),
    ("[priekšmets](/items/3)", '<p><a href="/items/3">priekšmets</a></p>'),
    ("[lapa](https://lnb.lv)", '<p><a href="https://lnb.lv">lapa</a></p>'),
    ("[raksti](mailto:biblioteka@example.lv)",
     '<p><a href="mailto:biblioteka@example.lv">raksti</a></p>'),
    ("> citāts", "<blockquote>\n<p>citāts</p>\n</blockquote>"),
    ("- viens\n- divi", "<ul>\n<li>viens</li>\n<li>divi</li>\n</ul>"),
    ("1. Viens", "<ol>\n<li>Viens</li>\n</ol>"),
    ("rinda  \nnākamā\n\n---", "<p>rinda<br>\nnākamā</p>\n<hr>"),
    ("", ""),
])
def test_the_allowed_markdown_is_kept(source, expected):
    assert render_markdown(source) == expected


@pytest.mark.parametrize("top, expected", [
    (2, "<h2>a</h2>\n<h3>b</h3>\n<h4>c</h4>\n<h4>d</h4>"),
    (3, "<h3>a</h3>\n<h4>b</h4>\n<h4>c</h4>\n<h4>d</h4>"),
])
def test_headings_start_below_the_page_title(top, expected):
    assert render_markdown("# a\n## b\n### c\n###### d", top) == expected


def test_a_text_starting_at_a_lower_heading_still_starts_at_the_top():
    assert render_markdown("### a\n\n#### b") == "<h2>a</h2>\n<h3>b</h3>"


@pytest.mark.parametrize("source, expected", [
    ("1937. gadā uzstādīja turbīnu.", "<p>1937. gadā uzstādīja turbīnu.</p>"),
    ("Teksts.\n\n25. martā aizveda ģimenes.", "<p>Teksts.</p>\n<p>25. martā aizveda ģimenes.</p>"),
    ("1990. m. kovo 11 d.", "<p>1990. m. kovo 11 d.</p>"),
    ("1. Pirmais\n2. Otrais", "<ol>\n<li>Pirmais</li>\n<li>Otrais</li>\n</ol>"),
])
def test_a_line_opening_with_an_ordinal_date_is_not_a_list(source, expected):
    assert render_markdown(source) == expected
