"""The package's version, from its installed metadata (``pyproject.toml``).

Kept apart from the package root so that the modules that stamp their output with it
(the cache manifest, ``datapackage.json``, the fetcher's User-Agent, ``--version``)
never import :mod:`nec_reports` itself.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("nec-reports")
except PackageNotFoundError:  # a checkout on sys.path that was never installed
    __version__ = "0+unknown"
