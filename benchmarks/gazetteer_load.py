"""How fast the gazetteer starts and how much it costs: cold CLI lookup, name-set load, memory, disk, build.

    python benchmarks/gazetteer_load.py            # uses the index in GEOMAP_DATA_DIR or ~/.cache/geomap
    python benchmarks/gazetteer_load.py --build    # also times a full build into a temporary folder

Each figure is measured in a fresh process, so nothing cached by an earlier step flatters a later one (the operating
system's file cache stays warm: "cold" means a new Python process, as a user running the command gets).
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Run in a child process: load the names, run 100 lookups, report timings and peak resident memory.
_CHILD = r"""
import json, resource, sys, time
started = time.perf_counter()
from geomap.gazetteer import Gazetteer, default_data_dir
gazetteer = Gazetteer(default_data_dir())
opened = time.perf_counter()
names = gazetteer.names
loaded = time.perf_counter()
keys = sorted(names)
sample = keys[:: max(1, len(keys) // 100)][:100]
before = time.perf_counter()
found = sum(1 for key in sample if gazetteer.lookup(key, limit=10))
after = time.perf_counter()
print(json.dumps({
    "import_open_s": opened - started, "names_load_s": loaded - opened, "names": len(names),
    "lookups": len(sample), "lookups_found": found, "lookups_s": after - before,
    "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def cold_lookup(name: str, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "geomap", "gazetteer", "lookup", name], check=True,
                       capture_output=True)
        times.append(time.perf_counter() - started)
    return times


def child_figures() -> dict:
    out = subprocess.run([sys.executable, "-c", _CHILD], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def disk_sizes(directory: Path) -> dict[str, int]:
    return {p.name: p.stat().st_size for p in sorted(directory.glob("*-v*.*")) if p.is_file()
            and not p.name.endswith(".tmp")}


def timed_build() -> tuple[float, dict[str, int]]:
    with tempfile.TemporaryDirectory(prefix="geomap-bench-") as tmp:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "geomap", "gazetteer", "build", "--data-dir", tmp], check=True,
                       capture_output=True)
        return time.perf_counter() - started, disk_sizes(Path(tmp))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="also time a full build into a temporary folder")
    parser.add_argument("--runs", type=int, default=5, help="cold lookups to take the median of (default 5)")
    args = parser.parse_args(argv)

    from geomap.gazetteer import default_data_dir

    data_dir = default_data_dir()
    cold_lookup("Berestyn", 1)  # builds the index first if it is missing; not counted
    times = cold_lookup("Berestyn", args.runs)
    print(f"cold `geomap gazetteer lookup Berestyn`: median {statistics.median(times):.3f} s "
          f"(min {min(times):.3f}, max {max(times):.3f}, {args.runs} runs)")
    f = child_figures()
    print(f"import + open index: {f['import_open_s'] * 1000:.0f} ms")
    print(f"recognizer name set: {f['names']:,} keys loaded in {f['names_load_s']:.3f} s")
    print(f"{f['lookups']} lookups ({f['lookups_found']} found): {f['lookups_s'] * 1000:.0f} ms "
          f"({f['lookups_s'] / f['lookups'] * 1e6:.0f} us each, uncached)")
    print(f"resident memory after names + {f['lookups']} lookups (ru_maxrss): {f['maxrss_mb']:.0f} MB")
    sizes = disk_sizes(data_dir)
    for name, size in sizes.items():
        print(f"on disk: {data_dir / name}: {size / 1e6:.1f} MB")
    print(f"on disk: total {sum(sizes.values()) / 1e6:.1f} MB")
    if args.build:
        seconds, built = timed_build()
        print(f"build (`geomap gazetteer build` into a temporary folder, 2 cores here): {seconds:.1f} s, "
              f"{sum(built.values()) / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
