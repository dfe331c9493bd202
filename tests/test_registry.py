"""The registry: built-ins, plugin folders and installed packages, through one hook."""

from __future__ import annotations

import textwrap

import pytest

import newslab
from newslab import Article, Corpus
from newslab.errors import PluginError
from newslab.registry import BUILTIN_PLUGINS, Registry

PLUGIN_SOURCE = '''
import newslab
from newslab import Extractor, Span


class {cls}(Extractor):
    """{doc}"""

    name = "{name}"
    kinds = ("{kind}",)

    def extract(self, article, context):
        index = article.text.find("{needle}")
        if index >= 0:
            yield Span(index, index + len("{needle}"), "{kind}", "", "{needle}")


@newslab.hookimpl
def newslab_extractors():
    return [{cls}()]
'''


def plugin_source(name="needle", needle="اتفاق", kind="keyword", cls="Needle", doc="Finds a word."):
    return PLUGIN_SOURCE.format(name=name, needle=needle, kind=kind, cls=cls, doc=doc)


def test_builtins_are_registered_through_the_hook():
    registry = Registry(entry_points=False)
    for module in BUILTIN_PLUGINS:
        assert registry.pm.get_plugin(module) is not None
        assert registry.origin(module) == "built-in"
    for info in registry.describe():
        assert info.plugin in BUILTIN_PLUGINS and info.origin == "built-in"


def test_plugin_folder(tmp_path, bare_registry):
    (tmp_path / "needle.py").write_text(plugin_source(), encoding="utf-8")
    (tmp_path / "_helper.py").write_text(
        "raise RuntimeError('helpers are not plugins')", encoding="utf-8"
    )
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    names = bare_registry.load_dir(tmp_path)
    assert names == [f"file:{tmp_path / 'needle.py'}"]
    (info,) = bare_registry.describe()
    assert (info.name, info.kinds, info.origin, info.description) == (
        "needle",
        ("keyword",),
        f"file {tmp_path / 'needle.py'}",
        "Finds a word.",
    )
    spans = newslab.annotate(Corpus([Article("x", "وقع الاتفاق")]), registry=bare_registry)
    assert spans[["text", "extractor"]].values.tolist() == [["اتفاق", "needle"]]
    assert bare_registry.load_dir(tmp_path) == names  # loading twice is harmless


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "import newslab\n\nx = 1 / 0\n",
            "{p}:3: plugin failed to import: ZeroDivisionError: division by zero",
        ),
        ("import newslab\ndef broken(:\n", "{p}:2: plugin failed to import: SyntaxError: "),
        (
            "import no_such_module_xyz\n",
            "{p}:1: plugin failed to import: ModuleNotFoundError: No module named 'no_such_module_xyz'",
        ),
        (
            "import newslab\n\ndef newslab_extractors():\n    return []\n",
            "{p}: defines no newslab hook; decorate a function such as newslab_extractors() with "
            "@newslab.hookimpl (name helper modules _*.py)",
        ),
        (
            "import newslab\n\n@newslab.hookimpl\ndef newslab_extractor():\n    return []\n",
            "{p}: unknown hook 'newslab_extractor' in plugin ",
        ),
        (
            "import newslab\n\n@newslab.hookimpl\ndef newslab_extractors(corpus):\n    return []\n",
            "plugin file {p}: Plugin ",
        ),
    ],
    ids=["runtime", "syntax", "import", "no-hook", "misspelled-hook", "wrong-argument"],
)
def test_broken_plugin_file_names_file_and_line(tmp_path, bare_registry, source, message):
    path = tmp_path / "bad.py"
    path.write_text(source, encoding="utf-8")
    with pytest.raises(PluginError) as caught:
        bare_registry.load_dir(tmp_path)
    assert str(caught.value).startswith(message.format(p=path))
    assert bare_registry.describe() == []  # nothing half-registered


def test_missing_plugin_folder(tmp_path, bare_registry):
    with pytest.raises(PluginError, match=f"^{tmp_path / 'nope'}: plugin folder not found$"):
        bare_registry.load_dir(tmp_path / "nope")


class Provides:
    """A plugin object returning whatever it is given from the hook."""

    def __init__(self, result):
        self.result = result

    @newslab.hookimpl
    def newslab_extractors(self):
        if isinstance(self.result, Exception):
            raise self.result
        return self.result


class Named(newslab.Extractor):
    kinds = ("x",)

    def __init__(self, name, requires=()):
        self.name = name
        self.requires = requires

    def extract(self, article, context):
        return []


@pytest.mark.parametrize(
    ("plugins", "message"),
    [
        ([[Named("a")], [Named("a")]], "extractor name 'a' is provided twice: by one and by two"),
        ([[Named]], "plugin one returned the class Named; return an instance (Named())"),
        ([[object()]], "plugin one returned an extractor without a name: <object object"),
        ([42], "plugin one: newslab_extractors must return a list of extractors, got int"),
        (
            [RuntimeError("no gazetteer")],
            "plugin one: hook newslab_extractors raised RuntimeError: no gazetteer",
        ),
        (
            [[Named("a", ("b",)), Named("b", ("a",))]],
            "extractors require each other in a cycle: a -> b -> a",
        ),
    ],
)
def test_bad_hook_results_name_the_plugin(bare_registry, plugins, message):
    for name, result in zip(("one", "two"), plugins, strict=False):
        bare_registry.register(Provides(result), name=name, origin=name)
    with pytest.raises(PluginError) as caught:
        bare_registry.extractors()
    assert str(caught.value).startswith(message)


def test_register_use_unregister(bare_registry):
    plugin = Provides([Named("b", ("a",)), Named("a")])
    bare_registry.register(plugin, name="mine")
    try:
        assert list(bare_registry.extractors()) == ["a", "b"]  # requirements first
        with pytest.raises(PluginError, match="already registered"):
            bare_registry.register(plugin, name="mine")
    finally:
        bare_registry.unregister("mine")
    assert bare_registry.extractors() == {}
    bare_registry.unregister("mine")  # unknown names are fine in finally blocks


def test_registration_order_is_kept(bare_registry):
    for name in ("first", "second", "third"):
        bare_registry.register(Provides([Named(name)]), name=name)
    assert list(bare_registry.extractors()) == ["first", "second", "third"]


# ------------------------------------------------------------ installed packages


@pytest.fixture()
def installed_package(tmp_path, monkeypatch):
    """A throwaway distribution declaring the ``newslab`` entry point, on sys.path."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "nl_demo_plugin.py").write_text(
        plugin_source(name="demo", needle="زهران", kind="place", cls="Demo", doc="Demo place."),
        encoding="utf-8",
    )
    (site / "nl_broken_plugin.py").write_text(
        "raise ImportError('missing wheel')\n", encoding="utf-8"
    )
    for dist, module in (
        ("nl_demo_plugin", "nl_demo_plugin"),
        ("nl_broken_plugin", "nl_broken_plugin"),
    ):
        info = site / f"{dist}-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {dist.replace('_', '-')}\nVersion: 1.0\n",
            encoding="utf-8",
        )
        (info / "entry_points.txt").write_text(
            textwrap.dedent(f"""
                [newslab]
                {dist.removeprefix("nl_").removesuffix("_plugin")} = {module}
            """),
            encoding="utf-8",
        )
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delenv("NEWSLAB_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    monkeypatch.delenv("NEWSLAB_LOAD_PLUGINS", raising=False)
    return site


def test_installed_package_is_listed_and_runs(installed_package):
    with pytest.warns(RuntimeWarning, match="plugin 'broken' .* failed to load and is left out"):
        registry = Registry(builtins=False)
    (info,) = registry.describe()
    assert (info.name, info.origin, info.plugin) == (
        "demo",
        "package nl-demo-plugin 1.0",
        "entrypoint:demo",
    )
    assert registry.load_errors == [
        "plugin 'broken' (package nl-broken-plugin 1.0, entry point nl_broken_plugin) failed "
        "to load and is left out: ImportError: missing wheel"
    ]
    spans = newslab.annotate([Article("x", "ميناء مرسى زهران")], ["demo"], registry=registry)
    assert spans[["text", "kind"]].values.tolist() == [["زهران", "place"]]


@pytest.mark.parametrize(
    ("env", "listed"),
    [
        ({"NEWSLAB_DISABLE_PLUGIN_AUTOLOAD": "1"}, []),
        ({"NEWSLAB_DISABLE_PLUGIN_AUTOLOAD": "true"}, []),
        ({"NEWSLAB_DISABLE_PLUGIN_AUTOLOAD": "0", "NEWSLAB_LOAD_PLUGINS": "demo"}, ["demo"]),
        ({"NEWSLAB_LOAD_PLUGINS": "nl-demo-plugin"}, ["demo"]),
        ({"NEWSLAB_LOAD_PLUGINS": "something-else"}, []),
    ],
)
def test_environment_controls_autoload(installed_package, monkeypatch, env, listed):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    registry = Registry(builtins=False)
    assert [info.name for info in registry.describe()] == listed
    assert registry.load_errors == []
    assert Registry(builtins=False, entry_points=False).describe() == []
