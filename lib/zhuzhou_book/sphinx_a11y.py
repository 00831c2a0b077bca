"""Accessibility fixes to what the book's extensions and theme write, checked by axe in tests/browser.

A hidden code cell (`hide-input`) opens with a <summary> that myst-nb labels "Toggle hidden
content" while it shows "Show code cell source": the accessible name differs from the visible
text (axe: label-content-name-mismatch, WCAG 2.5.3), and a speech-input user saying what they see
cannot press it. Here the summary is named by its visible text.
"""

from __future__ import annotations

from html import escape

from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput
from sphinx.application import Sphinx


def visit_hide_cell_input(self, node: HideCodeCellNode) -> None:
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n<summary>\n')
    self.body.append(f'<p class="collapsed admonition-title">{escape(node["prompt_show"])}</p>\n')
    self.body.append(f'<p class="expanded admonition-title">{escape(node["prompt_hide"])}</p>\n')
    self.body.append("</summary>\n")


def setup(app: Sphinx) -> dict:
    app.setup_extension("myst_nb")
    app.add_node(HideCodeCellNode, override=True, html=(visit_hide_cell_input, depart_HideCellInput))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
