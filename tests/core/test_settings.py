"""Settings come from the environment; a value the program cannot use is named, not a traceback."""
import pytest

from bot.cli.main import main
from bot.settings import Settings, SettingsError


def test_numbers_are_read_in_either_decimal_notation():
    settings = Settings.from_env({"MEDBOT_MIN_CONFIDENCE": "0,35", "MEDBOT_RETENTION_DAYS": "7"})
    assert settings.min_confidence == 0.35 and settings.retention_days == 7.0


def test_an_english_question_is_told_who_to_ask_in_english_unless_the_organisation_set_its_own_line():
    assert Settings.from_env({}).handover_en.startswith("Ask the HR consultant")
    own = "Kontakt MED-sekretariatet på lokal 1234."
    assert Settings.from_env({"MEDBOT_HANDOVER": own}).handover_en == own  # its contact beats a generic line
    both = {"MEDBOT_HANDOVER": own, "MEDBOT_HANDOVER_EN": "Call the MED secretariat, extension 1234."}
    assert Settings.from_env(both).handover_en == "Call the MED secretariat, extension 1234."


@pytest.mark.parametrize("name, value, expected", [
    ("MEDBOT_RETENTION_DAYS", "thirty", "days to keep"),
    ("MEDBOT_RETENTION_DAYS", "-1", "at least 0"),
    ("MEDBOT_MIN_CONFIDENCE", "1.5", "from 0 to 1"),
    ("MEDBOT_LLM_TIMEOUT", "nan", "seconds"),
    ("MEDBOT_EMBEDDER", "bert", "one of e5, hash"),
    ("MEDBOT_MODEL_PATH", "intfloat/multilingual-e5-base", "local sentence-transformers model folder"),  # a hub id
])
def test_an_unusable_value_names_the_variable_and_what_it_expects(name, value, expected):
    with pytest.raises(SettingsError) as problem:
        Settings.from_env({name: value})
    assert name in str(problem.value) and expected in str(problem.value) and repr(value) in str(problem.value)


def test_the_cli_reports_a_bad_setting_and_stops_before_loading_anything(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("MEDBOT_RETENTION_DAYS", "en måned")
    monkeypatch.setenv("MEDBOT_DATA", str(tmp_path / "data"))
    assert main(["search", "Er der tavshedspligt?"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("medbot: MEDBOT_RETENTION_DAYS must be days to keep questions and answers")
    assert "Traceback" not in err and not (tmp_path / "data").exists()


def test_eval_names_a_missing_gold_file_or_knowledge_folder(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("MEDBOT_DATA", str(tmp_path / "data"))
    assert main(["eval", "--gold", str(tmp_path / "gold.yaml")]) == 2
    assert capsys.readouterr().err == f"medbot: no gold file at {tmp_path / 'gold.yaml'}\n"
    monkeypatch.setenv("MEDBOT_KNOWLEDGE", str(tmp_path / "nowhere"))
    assert main(["eval"]) == 2
    assert capsys.readouterr().err == f"medbot: {tmp_path / 'nowhere'} is not a folder (MEDBOT_KNOWLEDGE)\n"
    assert not (tmp_path / "data").exists()  # nothing indexed or created


def test_ask_without_a_question_in_words_says_what_it_needs(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("MEDBOT_DATA", str(tmp_path / "data"))
    for nothing in ("", " ? "):
        assert main(["ask", nothing]) == 2
        assert capsys.readouterr().err.startswith("medbot: ask needs a question in words")
    assert not (tmp_path / "data").exists()


def test_search_options_are_checked_before_searching(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("MEDBOT_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("MEDBOT_EMBEDDER", "hash")
    for bad, expected in ((["-k", "0"], "at least 1, not '0'"), (["-k", "-3"], "at least 1"),
                          (["--kind", "aftale"], "invalid choice: 'aftale'")):
        with pytest.raises(SystemExit) as stop:
            main(["search", "trio", *bad])
        assert stop.value.code == 2 and expected in capsys.readouterr().err
    assert main(["search", "trio", "--doc-set", "hr-intern"]) == 0
    assert "(no passages of that kind or document set)" in capsys.readouterr().out
