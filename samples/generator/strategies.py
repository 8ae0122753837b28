"""Hypothesis strategies over the layout space: whole reports in any layout.

``layouts()`` draws a ``Layout`` with every dimension of ``LAYOUT_SPACE`` free; ``reports()``
draws a sample source to typeset in it. Shrinking moves each dimension towards its first value
(the default), so a failing layout shrinks to the few dimensions that matter.
"""

from __future__ import annotations

from hypothesis import strategies as st

from .drawn import SOURCES
from .layouts import LAYOUT_SPACE, Layout


def layouts() -> st.SearchStrategy[Layout]:
    return st.builds(
        Layout, **{name: st.sampled_from(dim.values) for name, dim in LAYOUT_SPACE.items()}
    )


def reports() -> st.SearchStrategy[tuple[str, Layout]]:
    """A source name (samples/src/<name>.json) and a layout to draw it in."""
    return st.tuples(st.sampled_from(SOURCES), layouts())
