#!/usr/bin/env python3
"""Vendor the Leaflet assets that every map inlines, from pinned npm packages.

Run from the repository root:  python scripts/vendor_assets.py
It `npm pack`s each pinned package into a temporary folder, copies the dist files named
below (unchanged) into geomap/assets/ with the package's licence, and checks the SHA-256
of every copied file against the table in geomap/assets/README.md (or writes the table
with --write-readme).
"""
from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "geomap" / "assets"

# package, version, licence, licence file in the package, {file in package: name in assets/}
PACKAGES: list[tuple[str, str, str, str, dict[str, str]]] = [
    ("leaflet", "1.9.3", "BSD-2-Clause", "LICENSE", {
        "dist/leaflet.js": "leaflet.js",
        "dist/leaflet.css": "leaflet.css",
        "dist/images/layers.png": "layers.png",
        "dist/images/layers-2x.png": "layers-2x.png",
        "dist/images/marker-icon.png": "marker-icon.png",
        "dist/images/marker-icon-2x.png": "marker-icon-2x.png",
        "dist/images/marker-shadow.png": "marker-shadow.png",
    }),
    ("leaflet.markercluster", "1.5.3", "MIT", "MIT-LICENCE.txt", {
        "dist/leaflet.markercluster.js": "leaflet.markercluster.js",
        "dist/MarkerCluster.css": "MarkerCluster.css",
        "dist/MarkerCluster.Default.css": "MarkerCluster.Default.css",
    }),
    ("leaflet.fullscreen", "3.0.0", "MIT", "LICENSE", {
        "Control.FullScreen.js": "Control.FullScreen.js",
        "Control.FullScreen.css": "Control.FullScreen.css",
        "icon-fullscreen.svg": "icon-fullscreen.svg",
    }),
    ("leaflet.heat", "0.2.0", "BSD-2-Clause", "LICENSE", {
        "dist/leaflet-heat.js": "leaflet-heat.js",
    }),
]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def npm_pack(name: str, version: str, workdir: Path) -> Path:
    """Download and unpack name@version; return the unpacked `package/` folder."""
    out = subprocess.run(
        ["npm", "pack", f"{name}@{version}", "--silent"],
        cwd=workdir, check=True, capture_output=True, text=True,
    ).stdout.strip().splitlines()[-1]
    dest = workdir / f"{name}-{version}"
    with tarfile.open(workdir / out) as tar:
        tar.extractall(dest, filter="data")
    return dest / "package"


def vendor(workdir: Path) -> list[tuple[str, str, str, str, str]]:
    """Copy every listed file; return rows (asset, package@version, source path, licence, sha256)."""
    rows = []
    for name, version, licence, licence_file, files in PACKAGES:
        pkg = npm_pack(name, version, workdir)
        shutil.copyfile(pkg / licence_file, ASSETS / f"LICENSE-{name}.txt")
        for src, dst in files.items():
            shutil.copyfile(pkg / src, ASSETS / dst)
            rows.append((dst, f"{name}@{version}", src, licence, sha256(ASSETS / dst)))
    return rows


def table(rows: list[tuple[str, str, str, str, str]]) -> str:
    lines = ["| file | package | path in package | licence | sha256 |", "|---|---|---|---|---|"]
    lines += [f"| {a} | {p} | {s} | {lic} | `{h}` |" for a, p, s, lic, h in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-readme", action="store_true",
                        help="print the checksum table for geomap/assets/README.md")
    args = parser.parse_args(argv)
    ASSETS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        rows = vendor(Path(tmp))
    if args.write_readme:
        sys.stdout.write(table(rows))
        return 0
    readme = (ASSETS / "README.md").read_text("utf-8")
    bad = [a for a, _p, _s, _l, h in rows if h not in readme]
    for asset in bad:
        print(f"checksum differs from README.md: {asset}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
