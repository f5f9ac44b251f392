"""plotly.js, served by the app itself from the copy the `plotly` package ships (no CDN).

The file is about 4.8 MB; it is sent gzip-compressed (about a third of that) when the browser
accepts it, under a versioned URL that browsers may cache for a year.
"""

from __future__ import annotations

import gzip
from functools import cache
from importlib.resources import files

import plotly

PLOTLY_VERSION = plotly.__version__


@cache
def plotly_js() -> bytes:
    return files("plotly").joinpath("package_data", "plotly.min.js").read_bytes()


@cache
def plotly_js_gzip() -> bytes:
    return gzip.compress(plotly_js(), compresslevel=6, mtime=0)
