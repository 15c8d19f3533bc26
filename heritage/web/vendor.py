"""Browser libraries installed from the npm registry by scripts/setup, served from node_modules.

Only the files listed here are served, so nothing else under node_modules is reachable. They
are versioned by package-lock.json, so browsers may keep them for a year.
"""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, send_from_directory, url_for

bp = Blueprint("vendor", __name__, url_prefix="/vendor")

#: Served package folders: package name -> its folder of browser files inside node_modules.
PACKAGES = {
    "openseadragon": "openseadragon/build/openseadragon",
    "leaflet": "leaflet/dist",
    "mirador": "mirador/dist",  # mirador.min.js: a UMD bundle with React and MUI inside
}
SUFFIXES = {".js", ".css", ".png", ".svg"}


def vendor_root() -> Path:
    """The node_modules folder (HERITAGE_VENDOR_DIR, or the one beside the project)."""
    return Path(current_app.config["HERITAGE_VENDOR_DIR"]
                or Path(__file__).resolve().parents[2] / "node_modules")


@bp.get("/<package>/<path:filename>")
def asset(package: str, filename: str):
    """One browser file of a vendored package."""
    folder = PACKAGES.get(package)
    if folder is None or Path(filename).suffix not in SUFFIXES or filename.endswith(".map"):
        abort(404)
    return send_from_directory(vendor_root() / folder, filename, max_age=365 * 86400)


def vendor_url(package: str, filename: str) -> str:
    """The address of a vendored file, for templates."""
    return url_for("vendor.asset", package=package, filename=filename)
