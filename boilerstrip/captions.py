"""Image captions (placeholder until the caption stage lands)."""

from __future__ import annotations

from typing import Optional

from .article import Caption

__all__ = ["collect_captions"]


def collect_captions(tree, url: Optional[str], main) -> tuple[Caption, ...]:
    """The article's image captions; empty for now."""
    return ()
