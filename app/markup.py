"""Markdown written by facilitators (workshop intros), rendered safely.

CommonMark without raw HTML: any tag typed is shown as text, and markdown-it refuses `javascript:`
and similar link targets, so a facilitator's text cannot run script on participants' phones.
"""

from __future__ import annotations

from flask import Flask
from markdown_it import MarkdownIt
from markupsafe import Markup

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("image")


def render_markdown(text: str | None, top: int = 3) -> Markup:
    """HTML for `text`; its headings start at level `top` (they sit under the page's own)."""
    tokens = _MARKDOWN.parse(text or "")
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + top - 1)}"
    html = _MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {})
    return Markup(html)  # noqa: S704 - raw HTML is disabled: typed tags come out escaped


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.filters["markdown"] = render_markdown
