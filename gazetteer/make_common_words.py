"""Write common_words.txt (in geomap/gazetteer_data/): ordinary English words that are also the name of some place
in the gazetteer.

Source: SCOWL's American English list as packaged by Debian (`wamerican`, /usr/share/dict/words; permissive
licence, see /usr/share/doc/wamerican/copyright). A word counts as ordinary when the list has it in lower case and
not capitalised ("reading" but not "Reading" would be dropped; "mobile" with no "Mobile" is kept). Run once by
hand after a gazetteer build; the output is committed, so the build needs neither the word list nor this script.
"""
from __future__ import annotations

import sys
from pathlib import Path

from geomap.gazetteer import default_gazetteer


def main(words_path: str = "/usr/share/dict/words") -> None:
    words = Path(words_path).read_text(encoding="utf-8").split()
    lower = {w for w in words if w.islower() and w.isalpha()}
    capitalised = {w.lower() for w in words if w[:1].isupper()}
    names = default_gazetteer().names
    common = sorted(w for w in lower - capitalised if w in names and len(w) > 1)
    out = Path(__file__).resolve().parent.parent / "geomap" / "gazetteer_data" / "common_words.txt"
    header = "# Ordinary English words that are also a place's name somewhere (see make_common_words.py).\n"
    out.write_text(header + "\n".join(common) + "\n", encoding="utf-8")
    print(f"{len(common)} words -> {out}")


if __name__ == "__main__":
    main(*sys.argv[1:])
