"""Footer labels in the app's language: binding descriptions are catalogue keys."""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from crisis.i18n import keys, t


def translate_bindings(node: DOMNode, lang: str) -> None:
    """Give `node`'s bindings the labels of `lang`.

    Descriptions are written as catalogue keys (``key.refresh``) in the classes' BINDINGS;
    they are translated from the class's own, so a node can switch languages back and forth.
    """
    # Textual keeps no public way to relabel bindings.
    merged = type(node)._merged_bindings
    if merged is None:
        return
    known = keys()
    node._bindings.key_to_bindings = {
        key: [
            replace(b, description=t(b.description, lang)) if b.description in known else b
            for b in bindings
        ]
        for key, bindings in merged.key_to_bindings.items()
    }
