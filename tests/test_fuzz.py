"""Property tests (hypothesis) over the readers and the text pipeline: no exception escapes, offsets are exact,
the GeoJSON of whatever is extracted is valid. Example counts stay modest: CI has two cores."""
from __future__ import annotations

import datetime as dt
import io
import json
import math
import os
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import shape

from geomap.errors import InputError
from geomap.export import incident_feature, to_stream
from geomap.incidents import extract_incidents
from geomap.model import Article
from geomap.pipeline import default_geoparser
from geomap.readers import BadPublishedDate, iter_articles

SCALE = float(os.environ.get("GEOMAP_FUZZ_SCALE", "1"))  # e.g. 20 for a longer hunt on a developer's machine
FAST = settings(max_examples=int(120 * SCALE), deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=int(100 * SCALE), deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of news-like text: places (plain, qualified, regions, same-name places), event words, dates,
# and characters that change length when case-folded or that split lines in some readers.
FRAGMENTS = [
    "Kyiv", "Sumy", "Kherson", "Berestyn", "Donetsk region", "Donetsk Oblast", "Paris, Texas", "Athens, Ga.",
    "Moscow", "Gaza Strip", "Zaporizhzhia Nuclear Power Plant", "El Obeid", "Tbilisi", "KHARKIV, Ukraine —",
    "A drone struck", "Russian shelling hit", "killing two people", "injuring 14", "a 17-year-old girl was killed",
    "protesters marched in", "police detained", "troops captured", "on Tuesday", "last night", "a day earlier",
    "on Nov. 17", "Ukrainian", "Russian forces", "the city of", "near", "in the", "south of", "Mr. Brovdi said",
    "İstanbul", "Straße", "ﬁre in", "Ǆ", "\u2028", "\u0085", "\r\n", "\n\n", ".", ",", "—", "“", "”", "’s", " ",
]
TRIGGERS = ["A drone struck a depot in", "Russian shelling hit", "Protesters marched in", "Police detained six men in",
            "Troops captured", "An explosion tore through a market in", "Artillery fire was reported near"]
PLACES = ["Kyiv", "Sumy", "Kherson", "Berestyn, in the Kharkiv region", "occupied parts of Donetsk region",
          "Paris, Texas", "the Gaza Strip", "El Obeid", "Tbilisi", "Odesa", "Nikopol"]
TAILS = ["killing two people", "injuring 14", "wounding dozens", "officials said", "a 17-year-old girl was killed", ""]
DATES = ["on Tuesday", "last night", "a day earlier", "on Nov. 17", "overnight", ""]
sentence = st.tuples(st.sampled_from(TRIGGERS), st.sampled_from(PLACES), st.sampled_from(DATES),
                     st.sampled_from(TAILS)).map(lambda t: f"{t[0]} {t[1]} {t[2]}, {t[3]}.".replace(" ,", ","))
news_text = st.lists(st.one_of(sentence, st.sampled_from(FRAGMENTS)), max_size=30).map(" ".join)
any_text = st.one_of(news_text, st.text(max_size=300),
                     st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=30).map("".join))
PUBLISHED = dt.datetime(2025, 11, 18, 9, 30, tzinfo=dt.timezone.utc)


def read_stdin(data: bytes) -> tuple[list[Article], list[InputError]]:
    errors: list[InputError] = []
    articles = list(iter_articles(["-"], stdin=io.BytesIO(data), on_error=errors.append))
    return articles, errors


# ---------------------------------------------------------------- readers

@FAST
@given(st.one_of(st.binary(max_size=600), any_text.map(lambda t: t.encode("utf-8")),
                 any_text.map(lambda t: t.encode("utf-16")),
                 any_text.map(lambda t: t.encode("cp1252", "replace"))))
def test_any_bytes_give_an_article_or_a_reported_error(data):
    articles, errors = read_stdin(data)
    problems = [e for e in errors if not isinstance(e, BadPublishedDate)]
    assert len(articles) + len(problems) == 1
    for article in articles:
        assert article.body.strip() and article.id
    for error in errors:
        assert str(error).startswith("<stdin>")


@FAST
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=300))
def test_a_plain_utf8_body_is_kept_character_for_character(text):
    body = "Shelling hit Sumy. " + text  # a first line that is no header and no HTML
    articles, errors = read_stdin(body.encode("utf-8"))
    assert [e.reason.split(":")[0] for e in errors] == ["no publication date"]  # a warning: the article is read
    assert articles[0].body == body.rstrip("\r\n")


@FAST
@given(st.text(alphabet="title:publshdourcy -2025T:0Z\n", max_size=80), news_text)
def test_header_blocks_of_any_shape(header, body):
    articles, errors = read_stdin((header + "\n\n" + body).encode("utf-8"))
    assert len(articles) + len([e for e in errors if not isinstance(e, BadPublishedDate)]) == 1
    for article in articles:
        assert article.published is None or article.published.tzinfo is not None


jsonl_line = st.one_of(
    st.fixed_dictionaries({"id": st.one_of(st.none(), st.text(max_size=10), st.integers()),
                           "text": any_text},
                          optional={"published": st.one_of(st.text(max_size=20), st.just("2025-11-18")),
                                    "title": st.one_of(st.text(max_size=20), st.integers(), st.lists(st.none())),
                                    "url": st.text(max_size=20)}),
    st.text(alphabet=st.characters(blacklist_characters="\n", blacklist_categories=("Cs", "Cc")), max_size=60),
)


@FAST
@given(st.lists(jsonl_line, min_size=1, max_size=8), st.booleans())
def test_jsonl_lines_are_each_an_article_or_an_error_with_their_number(lines, ascii_only):
    raw = [json.dumps(x, ensure_ascii=ascii_only) if isinstance(x, dict) else x for x in lines]
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "feed.jsonl")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("\n".join(raw) + "\n")
        errors: list[InputError] = []
        articles = list(iter_articles([path], on_error=errors.append))
    skipped = [e for e in errors if not isinstance(e, BadPublishedDate)]
    assert all(e.path == path for e in errors)
    if any(e.line is None for e in skipped):  # the whole file: empty of articles
        assert len(skipped) == 1 and "empty" in skipped[0].reason and not articles
        return
    assert len(articles) + len(skipped) == sum(1 for line in raw if line.strip())
    assert len({e.line for e in skipped}) == len(skipped)
    texts = [x["text"] for x in lines if isinstance(x, dict)]
    for article in articles:
        assert article.body in texts and article.body.strip()


# ---------------------------------------------------------------- the text pipeline

@SLOW
@given(any_text)
def test_offsets_are_exact_and_incidents_are_valid_geojson(text):
    parsed = default_geoparser().parse(text)
    for res in parsed.resolutions:
        m = res.mention
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        if res.place is not None:
            assert -90 <= res.place.lat <= 90 and -180 <= res.place.lon <= 180
    article = Article("fuzz", text, published=PUBLISHED)
    incidents = extract_incidents(article, parsed.resolutions)
    for inc in incidents:
        feature = incident_feature(inc)
        geometry = shape(feature["geometry"])
        assert geometry.geom_type == "Point" and geometry.is_valid
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90 and not math.isnan(lon + lat)
        assert feature["id"] == feature["properties"]["event_id"]
        assert all(v is None or isinstance(v, (str, int, float, bool)) for v in feature["properties"].values())
        if inc.evidence is not None:
            start, end = inc.evidence
            assert 0 <= start <= end <= len(text)
    out = io.StringIO()
    to_stream(incidents, "geojson", out)
    collection = json.loads(out.getvalue(), parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == len(incidents)


@SLOW
@given(st.lists(st.sampled_from(FRAGMENTS[:30]), min_size=3, max_size=25).map(" ".join))
def test_given_spans_come_back_one_for_one(text):
    parser = default_geoparser()
    spans = [(r.mention.start, r.mention.end) for r in parser.parse(text).resolutions][::-1]
    resolved = parser.resolve_spans(text, spans)
    assert [(r.mention.start, r.mention.end) for r in resolved] == spans
