"""The plugin manager: built-ins, installed packages and plugin folders, one mechanism.

Extractors reach newslab only through the hooks in :mod:`newslab.hooks`:

* built-ins: the modules in :data:`BUILTIN_PLUGINS`, registered like any plugin;
* installed packages: the entry-point group ``newslab`` (switch off with
  ``NEWSLAB_DISABLE_PLUGIN_AUTOLOAD=1``, or restrict with
  ``NEWSLAB_LOAD_PLUGINS=name1,name2`` — entry-point or distribution names). A package
  that fails to import is reported (warning, :attr:`Registry.load_errors`) and left out:
  an unrelated broken install never stops a run;
* folders of ``.py`` files: :meth:`Registry.load_dir` (``--plugins DIR``); a file that
  fails to import or defines no hook is an error naming the file (and line).
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.metadata
import importlib.util
import os
import sys
import traceback
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy

from newslab import hooks
from newslab.errors import PluginError

__all__ = [
    "BUILTIN_PLUGINS",
    "ENTRY_POINT_GROUP",
    "ExtractorInfo",
    "Registry",
    "autoload_disabled",
    "default_registry",
    "load_plugins",
    "reset_default_registry",
]

ENTRY_POINT_GROUP = "newslab"

#: Modules holding the built-in extractors; each implements the hooks itself.
BUILTIN_PLUGINS: tuple[str, ...] = (
    "newslab.extract.entities",
    "newslab.extract.dates",
    "newslab.extract.numbers",
    "newslab.extract.quotes",
    "newslab.extract.social",
    "newslab.extract.boilerplate",
    "newslab.extract.lexicon",
)


@dataclass(frozen=True)
class ExtractorInfo:
    """Where an extractor came from, for ``newslab plugins``."""

    name: str
    kinds: tuple[str, ...]
    plugin: str
    origin: str
    description: str


class Registry:
    """A pluggy plugin manager with newslab's hook specs and plugin sources."""

    def __init__(self, *, builtins: bool = True, entry_points: bool | None = None) -> None:
        self.pm = pluggy.PluginManager(hooks.PROJECT)
        self.pm.add_hookspecs(hooks)
        self._origins: dict[str, str] = {}
        self._owners: dict[str, str] = {}
        #: Installed plugins that failed to load (one message each), see ``newslab plugins``.
        self.load_errors: list[str] = []
        if builtins:
            self.load_builtins()
        if entry_points is None:
            entry_points = not autoload_disabled()
        if entry_points:
            self.load_entry_points()

    # -------------------------------------------------------------- sources

    def register(self, plugin: Any, name: str | None = None, origin: str = "registered") -> str:
        """Register a plugin object or module; returns its name.

        Tests register a plugin, use it, and :meth:`unregister` it in ``finally``.
        """
        try:
            registered = self.pm.register(plugin, name=name)
        except ValueError as exc:  # pluggy: name or object already registered
            raise PluginError(f"plugin {name or plugin!r} is already registered ({exc})") from None
        except pluggy.PluginValidationError as exc:
            raise PluginError(f"plugin {origin}: {exc}") from None
        if registered is None:
            raise PluginError(f"plugin {name or plugin!r} is blocked")
        self._origins[registered] = origin
        return registered

    def unregister(self, name: str) -> None:
        """Remove a registered plugin (no error if it is not registered)."""
        if self.pm.get_plugin(name) is not None:
            self.pm.unregister(name=name)
        self._origins.pop(name, None)

    def origin(self, name: str) -> str:
        """Where the plugin registered as ``name`` came from."""
        return self._origins.get(name, "registered")

    def load_builtins(self) -> None:
        for module_name in BUILTIN_PLUGINS:
            module = importlib.import_module(module_name)
            if self.pm.get_plugin(module_name) is None:
                self.register(module, name=module_name, origin="built-in")

    def load_entry_points(self) -> None:
        """Register the installed packages that declare the ``newslab`` entry-point group.

        ``NEWSLAB_LOAD_PLUGINS=a,b`` keeps only the entry points (or distributions) named.
        A plugin that fails to load is warned about and listed in :attr:`load_errors`.
        """
        allowed = os.environ.get("NEWSLAB_LOAD_PLUGINS", "")
        wanted = {n.strip().lower() for n in allowed.split(",") if n.strip()} or None
        for entry_point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
            dist = getattr(entry_point, "dist", None)
            dist_name = dist.name if dist is not None else ""
            if wanted is not None and not {entry_point.name.lower(), dist_name.lower()} & wanted:
                continue
            name = f"entrypoint:{entry_point.name}"
            if self.pm.get_plugin(name) is not None:
                continue
            package = f"{dist_name} {dist.version}" if dist is not None else entry_point.value
            try:
                plugin = entry_point.load()
                self.register(plugin, name=name, origin=f"package {package}")
            except Exception as exc:
                message = (
                    f"plugin {entry_point.name!r} (package {package}, entry point "
                    f"{entry_point.value}) failed to load and is left out: "
                    f"{type(exc).__name__}: {exc}"
                )
                self.load_errors.append(message)
                warnings.warn(message, RuntimeWarning, stacklevel=2)

    def load_dir(self, directory: str | os.PathLike[str]) -> list[str]:
        """Register every ``.py`` file in ``directory`` (not starting with ``_``).

        Files starting with ``_`` are helpers the plugins may import themselves.
        """
        folder = Path(directory)
        if not folder.is_dir():
            what = "is not a folder" if folder.exists() else "plugin folder not found"
            raise PluginError(f"{folder}: {what}")
        names = []
        for path in sorted(folder.glob("*.py")):
            if path.name.startswith("_"):
                continue
            names.append(self.load_file(path))
        return names

    def load_file(self, path: str | os.PathLike[str]) -> str:
        """Import one plugin file and register it; errors name the file (and line)."""
        path = Path(path).resolve()
        if not path.is_file():
            raise PluginError(f"{path}: plugin file not found")
        name = f"file:{path}"
        if self.pm.get_plugin(name) is not None:
            return name
        module = _import_file(path)
        if not any(_is_hookimpl(getattr(module, attr, None)) for attr in dir(module)):
            raise PluginError(
                f"{path}: defines no newslab hook; decorate a function such as "
                "newslab_extractors() with @newslab.hookimpl (name helper modules _*.py)"
            )
        registered = self.register(module, name=name, origin=f"file {path}")
        try:
            self.pm.check_pending()
        except pluggy.PluginValidationError as exc:
            self.unregister(registered)
            known = ", ".join(n for n in dir(hooks) if n.startswith("newslab_"))
            raise PluginError(f"{path}: {exc}; known hooks: {known}") from None
        return registered

    # -------------------------------------------------------------- results

    def extractors(self) -> dict[str, Any]:
        """Extractor name -> instance, ordered so that ``requires`` come first."""
        found: dict[str, Any] = {}
        owners: dict[str, str] = {}
        for plugin_name, impl_result in self._results("newslab_extractors", registry=self):
            if impl_result is not None and hasattr(impl_result, "extract"):
                impl_result = [impl_result]  # one extractor instead of a list: forgive
            try:
                impl_result = list(impl_result or ())
            except TypeError:
                raise PluginError(
                    f"plugin {self.origin(plugin_name)}: newslab_extractors must return a "
                    f"list of extractors, got {type(impl_result).__name__}"
                ) from None
            for extractor in impl_result:
                if isinstance(extractor, type):
                    raise PluginError(
                        f"plugin {self.origin(plugin_name)} returned the class "
                        f"{extractor.__name__}; return an instance ({extractor.__name__}())"
                    )
                name = getattr(extractor, "name", "")
                if not name or not isinstance(name, str):
                    raise PluginError(
                        f"plugin {self.origin(plugin_name)} returned an extractor without a "
                        f"name: {extractor!r}"
                    )
                if name in found:
                    raise PluginError(
                        f"extractor name {name!r} is provided twice: by "
                        f"{self._origins.get(owners[name], owners[name])} and by "
                        f"{self._origins.get(plugin_name, plugin_name)}"
                    )
                found[name] = extractor
                owners[name] = plugin_name
        self._owners = owners
        return _dependency_order(found)

    def describe(self) -> list[ExtractorInfo]:
        """One :class:`ExtractorInfo` per extractor, in run order."""
        extractors = self.extractors()
        infos = []
        for name, extractor in extractors.items():
            plugin = self._owners[name]
            infos.append(
                ExtractorInfo(
                    name=name,
                    kinds=tuple(getattr(extractor, "kinds", ())),
                    plugin=plugin,
                    origin=self._origins.get(plugin, "registered"),
                    description=(getattr(extractor, "description", "") or _first_line(extractor)),
                )
            )
        return infos

    def gazetteer_entries(self) -> list[dict[str, Any]]:
        return _collect_rows(self._results("newslab_gazetteer"), ("name", "type"))

    def lexicon_entries(self) -> list[dict[str, Any]]:
        return _collect_rows(self._results("newslab_lexicon"), ("term", "category"))

    def _results(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call each implementation separately so a result can be traced to its plugin.

        An implementation gets only the arguments it names (as pluggy allows).
        """
        out = []
        for impl in getattr(self.pm.hook, hook_name).get_hookimpls():
            plugin_name = impl.plugin_name
            wanted = {k: v for k, v in kwargs.items() if k in impl.argnames}
            try:
                out.append((plugin_name, impl.function(**wanted)))
            except Exception as exc:
                raise PluginError(
                    f"plugin {self._origins.get(plugin_name, plugin_name)}: hook {hook_name} "
                    f"raised {type(exc).__name__}: {exc}"
                ) from exc
        # get_hookimpls() lists implementations in registration order: keep it
        return out


def _first_line(obj: Any) -> str:
    doc = type(obj).__doc__ or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def _collect_rows(results: Iterable[tuple[str, Any]], required: tuple[str, ...]) -> list[dict]:
    import csv

    rows: list[dict[str, Any]] = []
    for plugin_name, result in results:
        if result is None:
            continue
        if isinstance(result, (str, os.PathLike)):
            path = Path(result)
            with path.open(encoding="utf-8-sig", newline="") as handle:
                reader = csv.DictReader(handle)
                for row in reader:
                    missing = [c for c in required if not (row.get(c) or "").strip()]
                    if missing:
                        raise PluginError(f"{path}:{reader.line_num}: missing {', '.join(missing)}")
                    rows.append({**row, "plugin": plugin_name})
        else:
            for row in result:
                missing = [c for c in required if not row.get(c)]
                if missing:
                    raise PluginError(
                        f"plugin {plugin_name!r}: entry {row!r} lacks {', '.join(missing)}"
                    )
                rows.append({**row, "plugin": plugin_name})
    return rows


def autoload_disabled() -> bool:
    """Whether ``NEWSLAB_DISABLE_PLUGIN_AUTOLOAD`` switches off installed plugins."""
    value = os.environ.get("NEWSLAB_DISABLE_PLUGIN_AUTOLOAD", "").strip().lower()
    return value not in ("", "0", "false", "no", "off")


def _is_hookimpl(obj: Any) -> bool:
    return callable(obj) and hasattr(obj, f"{hooks.PROJECT}_impl")


def _import_file(path: Path) -> ModuleType:
    digest = hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:10]
    module_name = f"newslab_plugin_{digest}_{path.stem}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise PluginError(f"{path}: cannot be imported as a plugin")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        sys.modules.pop(module_name, None)
        line = _error_line(exc, path)
        where = f"{path}:{line}" if line else str(path)
        raise PluginError(f"{where}: plugin failed to import: {type(exc).__name__}: {exc}") from exc
    return module


def _error_line(exc: BaseException, path: Path) -> int | None:
    if isinstance(exc, SyntaxError) and exc.lineno:
        return exc.lineno
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if Path(frame.filename) == path:
            return frame.lineno
    return None


def _dependency_order(extractors: dict[str, Any]) -> dict[str, Any]:
    ordered: dict[str, Any] = {}
    visiting: set[str] = set()

    def visit(name: str, chain: tuple[str, ...]) -> None:
        if name in ordered:
            return
        if name in visiting:
            raise PluginError(f"extractors require each other in a cycle: {' -> '.join(chain)}")
        visiting.add(name)
        for needed in getattr(extractors[name], "requires", ()):
            if needed in extractors:
                visit(needed, (*chain, needed))
        visiting.discard(name)
        ordered[name] = extractors[name]

    for name in extractors:
        visit(name, (name,))
    return ordered


_DEFAULT: Registry | None = None


def default_registry() -> Registry:
    """The process-wide registry: built-ins plus installed plugins, created on first use."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Registry()
    return _DEFAULT


def reset_default_registry() -> None:
    """Forget the process-wide registry (tests; after installing a plugin package)."""
    global _DEFAULT
    _DEFAULT = None


def load_plugins(*directories: str | os.PathLike[str]) -> Registry:
    """Load plugin folders into the process-wide registry and return it."""
    registry = default_registry()
    for directory in directories:
        registry.load_dir(directory)
    return registry
