"""Hook specifications: the contract between newslab and its plugins.

A plugin is a module (or object) with functions decorated by :data:`hookimpl` whose
names match the specs below. Implementations may take fewer arguments than the spec,
so specs can grow without breaking plugins. Built-in extractors use these same hooks
(see ``newslab.registry.BUILTIN_PLUGINS``). Narrative documentation: ``docs/plugins.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from newslab.extract.base import Extractor
    from newslab.registry import Registry

__all__ = ["PROJECT", "hookimpl", "hookspec"]

PROJECT = "newslab"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


# ------------------------------------------------------------------ extraction


@hookspec
def newslab_extractors(registry: Registry) -> list[Extractor]:
    """Return extractor instances this plugin provides. All results are collected.

    ``registry`` lets an extractor read what other plugins contribute (for example
    ``registry.gazetteer_entries()``); most implementations do not take it.
    """


@hookspec
def newslab_gazetteer() -> list[dict[str, Any]] | str | None:
    """Return extra gazetteer entries for the entity extractor.

    Either a list of ``{"name", "type", "canonical"}`` dicts or a path to a CSV file with
    those columns. All results are collected.
    """


@hookspec
def newslab_lexicon() -> list[dict[str, Any]] | str | None:
    """Return extra loaded terms for the lexicon extractor.

    Either a list of ``{"term", "category", "note"}`` dicts or a path to a CSV file with
    those columns. All results are collected.
    """
