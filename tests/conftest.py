"""Shared fixtures: the sample corpus, paths, and a registry without built-ins."""

from __future__ import annotations

from pathlib import Path

import pytest

import newslab
from newslab.registry import Registry

REPO = Path(__file__).resolve().parents[1]
#: ``../shared`` beside the repository: real seed articles and gold annotations.
SHARED = REPO.parent / "shared"
PLUGINS = REPO / "plugins"


@pytest.fixture(scope="session")
def sample() -> newslab.Corpus:
    """The bundled sample corpus (loaded once; articles are immutable)."""
    return newslab.load_sample()


@pytest.fixture()
def bare_registry() -> Registry:
    """A registry with no built-ins and no installed plugins: only what a test adds."""
    return Registry(builtins=False, entry_points=False)
