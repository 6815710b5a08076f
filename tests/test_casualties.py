"""geomap.casualties: killed and injured counted as ACLED codes them, from sentences of our own."""
from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

import pytest

import geomap.casualties as casualties
from geomap.casualties import Casualties, count_casualties, parse_count

LEXICON_FILES = ("number_words.tsv", "ordinals.txt", "qualifiers.txt", "vague_amounts.txt", "casualty_nouns.tsv",
                 "casualty_verbs.tsv", "auxiliaries.tsv")


@pytest.mark.parametrize(
    "text, value",
    [
        ("7", 7),
        ("1,200", 1200),
        ("2.5 million", 2_500_000),
        ("seventeen", 17),
        ("twenty-three", 23),
        ("ninety nine", 99),
        ("two hundred", 200),
        ("a hundred", 100),
        ("one hundred and twenty", 120),
        ("three thousand five hundred", 3500),
        ("two million", 2_000_000),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half a dozen", 6),
        ("a score", 20),
        ("between 30 and 40", 30),
        ("12-15", 12),
        ("two or three", 2),
        ("a", 1),
        ("a fourth", 1),
        ("dozens", None),
        ("several", None),
        ("hundreds", None),
        ("a number of", None),
    ],
)
def test_parse_count(text, value):
    assert parse_count(text) == value


@pytest.mark.parametrize(
    "text, fatalities, injured",
    [
        # number words of any size
        ("Two hundred people were killed when the dam was shelled.", 200, None),
        ("A dozen villagers were wounded in the raid.", None, 12),
        ("Twenty-three miners were killed in the ambush.", 23, None),
        ("Over 1,500 residents were hurt in the shelling.", None, 1500),
        ("Between 30 and 40 people were killed in the bombing.", 30, None),
        # qualifiers keep the figure; parts add up
        ("More than 30 militants were killed in the operation.", 30, None),
        ("At least 31 soldiers and 9 attackers were killed in the assault on the base.", 40, None),
        ("Three police officers and five gunmen died in the shootout.", 8, None),
        ("Two soldiers, a medic and three civilians were killed.", 6, None),
        ("Over 50 protesters and police officers were injured.", None, 50),
        ("Gunmen killed 23 soldiers and 15 civilians at the camp.", 38, None),
        # coder notes
        ("Militants stormed the checkpoint near the market. 4 fatalities.", 4, None),
        ("Armed men raided the village, leaving at least 14 fatalities.", 14, None),
        ("Army artillery shelled the market. Fatalities: 3.", 3, None),
        ("Six militants were reported killed.", 6, None),
        # victims after the verb, present tense, nouns of killing
        ("Fighters kill nine herders in an attack on a camp.", 9, None),
        ("The shelling kills at least five people and wounds 18 others.", 5, 18),
        ("A mine exploded under a tractor, killing two farmers and injuring a third.", 2, 1),
        ("Soldiers reported the killing of 12 insurgents near the border.", 12, None),
        ("A clash between rival fans hospitalizes seven people.", None, 7),
        # shot dead, one person singled out
        ("A student was shot dead and at least nine were injured when police fired on the march.", 1, 9),
        # a part of the dead named after them, and who told it, are no more dead
        ("An air strike hit a school, killing at least 21 people, eight of them children, and wounding 30.", 21, 30),
        ("Drones struck a depot, killing one guard and injuring four others, a port official said.", 1, 4),
        ("Jets bombed hideouts near the forest, killing at least 30 gunmen, an army spokesman said.", 30, None),
        # the one who shot is no victim: "a guard shot and killed" counts the killed only
        ("A prison guard shot and killed an inmate and wounded two visitors.", 1, 2),
        ("A farmer was shot and killed near his field.", 1, None),
        ("The deputy governor was lightly injured by shrapnel.", None, 1),
        ("A nurse was seriously wounded.", None, 1),
        ("Gunmen killed six worshippers at a mosque before the attacker is shot dead by guards.", 7, None),
        ("He was killed by a sniper.", 1, None),
        ("Colonel Ivan Sidorenko was reportedly killed by a drone strike.", 1, None),
        ("Maria Lopez, a reporter for Radio Norte, was wounded in the crossfire.", None, 1),
        # who the victims were
        ("Four Red Cross volunteers were killed.", 4, None),
        ("Two Hamas commanders were killed in the strike.", 2, None),
        ("One UN peacekeeper killed and three wounded in an ambush.", 1, 3),
        ("Two Yemenis from Aden were killed.", 2, None),
        ("Three Palestinians, including a teenager, were killed.", 3, None),
        # the victims between the verb and the rest
        ("A crowd beat a suspected cattle thief to death at the market.", 1, None),
        ("Villagers hack two alleged witches to death.", 2, None),
        ("Police shot a fleeing driver dead at the checkpoint.", 1, None),
        ("A mob stoned them to death.", None, None),
        ("The group executes seven captives.", 7, None),
        ("A pastor was burned alive in his church.", 1, None),
        ("An aid worker was shot and killed at the gate.", 1, None),
        ("Two detainees were tortured to death.", 2, None),
        # zero
        ("The drone fell in a field and caused no casualties.", 0, 0),
        ("Nobody was harmed in the blast.", 0, 0),
        # not casualties
        ("A man killed 10 people at a market before he was arrested.", 10, None),
        ("On March 3, 2021, a man, Omar Said, was killed by gunmen.", 1, None),
        ("Rebels vowed to kill 50 soldiers.", None, None),
        ("The virus kills 40 percent of those infected.", None, None),
        ("The bill was killed in committee.", None, None),
        ("The country's economy was hurt by the blockade.", None, None),
        ("Artillery shelled Kherson overnight.", None, None),
    ],
)
def test_count_casualties(text, fatalities, injured):
    got = count_casualties(text)
    assert (got.fatalities, got.injured) == (fatalities, injured)


@pytest.mark.parametrize("text, field", [
    ("Dozens of protesters were injured.", "injured"),
    ("Several soldiers were killed.", "fatalities"),
    ("The blast killed hundreds of people.", "fatalities"),
])
def test_vague_amounts_are_null_with_a_note(text, field):
    got = count_casualties(text)
    assert getattr(got, field) is None
    assert got.stated and any(n.startswith(field) for n in got.notes)


def test_a_sentence_with_no_casualty_word_is_looked_at_no_further():
    got = count_casualties("Talks between the two delegations resumed in Doha on Monday.")
    assert got == Casualties() and not got.stated


def test_casualties_are_frozen():
    with pytest.raises(AttributeError):
        count_casualties("Two people died.").fatalities = 3  # type: ignore[misc]


def test_incidents_re_exports_the_counter():
    import geomap.incidents as incidents

    assert incidents.count_casualties is count_casualties and incidents.Casualties is Casualties
    assert {"count_casualties", "Casualties"} <= set(incidents.__all__)


# ------------------------------------------------------------------------------------------------ the lexicon

@pytest.mark.parametrize("name", LEXICON_FILES)
def test_lexicon_files_are_package_data_with_a_header(name):
    text = resources.files("geomap").joinpath("lexicon", name).read_text(encoding="utf-8")
    assert text.startswith("# ")
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert rows


def test_the_lexicon_ships_in_the_wheel():
    pyproject = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text())
    assert "lexicon/*" in pyproject["tool"]["setuptools"]["package-data"]["geomap"]


def test_the_lexicon_is_read_once():
    assert casualties._lexicon() is casualties._lexicon()
    assert casualties._patterns() is casualties._patterns()


def test_every_casualty_phrase_passes_the_first_look():
    stems = casualties._patterns().stems
    for verb in casualties._lexicon().verbs:
        word = verb.text.replace("~", "")
        assert any(s.strip() in word for s in stems), verb.text


def test_every_number_word_counts():
    for word, (value, kind) in casualties._lexicon().numbers.items():
        text = word if kind in ("unit", "tens", "phrase") else f"a {word}"
        assert parse_count(text) == value, word


def test_coder_note_total_in_the_singular_and_occupations_count():
    assert count_casualties("1 fatality.").fatalities == 1
    assert count_casualties("Gunmen shot and killed a shopkeeper near the market.").fatalities == 1


def test_violence_that_leaves_people_dead():
    assert count_casualties("Gang violence leaves at least 15 people dead.").fatalities == 15


def test_shoot_dead_in_the_present_tense():
    assert count_casualties("Unknown gunmen shoot dead a journalist outside his home.").fatalities == 1


def test_bodies_found_are_the_dead_not_the_wounded():
    found = count_casualties("The bodies of five men with gunshot wounds were found on a highway.")
    assert (found.fatalities, found.injured) == (5, None)
    assert count_casualties("Eleven bodies were found in a mass grave.").fatalities == 11


@pytest.mark.parametrize("text, expected", [
    ("the army reported 22 ", True), ("dozens of ", True), ("at least 1,200 ", True),
    ("On 3 March 2025, ", False), ("a ", False), ("the army reported ", False),
])
def test_ends_with_count_reads_the_lexicons_counts(text, expected):
    assert casualties.ends_with_count(text) is expected


@pytest.mark.parametrize("sentence, expected", [
    ("3 fatalities.", True), ("Fatalities: 12.", True), ("No fatalities reported.", True),
    ("Militants killed 3 soldiers. 3 fatalities.", False),
])
def test_is_coder_total_is_the_whole_sentence(sentence, expected):
    assert casualties.is_coder_total(sentence) is expected
