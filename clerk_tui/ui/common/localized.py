"""Footer text in the chosen language: binding descriptions written as message keys are translated.

Class-level BINDINGS are built when a module is imported, before the language is
known, so they hold message keys (`ui.key.quit`); each instance swaps in the text.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from clerk_tui.i18n import has, t


def localize_bindings(node: DOMNode) -> None:
    """Replace binding descriptions and tooltips that are message keys with their text."""
    bmap = node._bindings  # noqa: SLF001 - Textual keeps the instance's own bindings here
    for key, bindings in list(bmap.key_to_bindings.items()):
        bmap.key_to_bindings[key] = [
            replace(
                b,
                description=t(b.description) if has(b.description) else b.description,
                tooltip=t(b.tooltip) if has(b.tooltip) else b.tooltip,
                group=(
                    replace(b.group, description=t(b.group.description))
                    if b.group is not None and has(b.group.description)
                    else b.group
                ),
            )
            for b in bindings
        ]
