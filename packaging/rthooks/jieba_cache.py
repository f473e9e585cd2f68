"""PyInstaller runtime hook: point jieba at the prefix-dictionary cache built
into the bundle (proofdesk.spec makes it at build time with the bundle's own
Python, as jieba itself would).

Without it, jieba builds that cache from dict.txt on its first use (about a
second, on the first start after every reboot, since it keeps it in the
temporary folder) and writes 9 MB there. jieba has no setting for this but the
`cache_file` attribute of its default tokenizer, which exists only once jieba
is imported; so this hook wraps jieba's loader and sets the attribute right
after the import, without importing jieba early (the CLI's --version never
loads it).
"""
import importlib.abc
import importlib.machinery
import os
import sys

_CACHE = os.path.join(getattr(sys, "_MEIPASS", ""), "jieba", "jieba.cache")


class _SetCacheAfterImport:
    """Delegates to jieba's own loader; sets dt.cache_file once the module has run."""

    def __init__(self, loader):
        self._loader = loader

    def __getattr__(self, name):
        return getattr(self._loader, name)

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        if os.path.isfile(_CACHE) and module.dt.cache_file is None:
            module.dt.cache_file = _CACHE  # absolute: jieba's os.path.join keeps it as is


class _JiebaFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        if fullname != "jieba":
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = _SetCacheAfterImport(spec.loader)
                return spec
        return None


if os.path.isfile(_CACHE):
    sys.meta_path.insert(0, _JiebaFinder())
