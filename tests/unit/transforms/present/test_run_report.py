"""What the Prefect UI says of a run: its name, the message and artifact of a stopped run, and the
outputs' addresses."""

from __future__ import annotations

from transforms.contract.messages import FileProblem
from transforms.present.run_report import (
    Stop,
    explorer_path,
    outputs_markdown,
    run_name,
    stop_markdown,
    stop_message,
)

MISSING = FileProblem("missing_column", "sbt_kegiatan.csv", column="status", table="kegiatan")


def test_a_run_is_named_after_its_rounds_oldest_first() -> None:
    assert run_name(["2025-01", "2024-10"]) == "2024-10 · 2025-01"
    assert run_name(["2024-07"]) == "2024-07"
    many = ["2023-01", "2023-04", "2023-07", "2023-10", "2024-01"]
    assert run_name(many) == "2023-01 … 2024-01 (5 putaran)"


def test_nothing_stopped_is_no_stop() -> None:
    assert not Stop()
    assert not Stop(briefs_failed={"2024-07": []})
    assert Stop(rounds={"2024-07": [MISSING]})


def test_the_state_message_says_what_the_console_says_in_both_languages() -> None:
    message = stop_message(Stop(rounds={"2025-01": [MISSING]}))
    assert message.splitlines()[0] == ("2025-01: DIHENTIKAN, tidak ada yang ditulis untuk putaran ini "
                                       "(2025-01: STOPPED, nothing written for this round)")
    assert "kolom wajib 'status' tidak ada" in message
    assert "required column 'status' is missing" in message


def test_run_level_problems_and_failed_briefs_are_in_the_message() -> None:
    unknown = FileProblem("unknown_round", "data/raw", value="2099-01", expected="2024-07")
    message = stop_message(Stop(run_problems=[unknown], briefs_failed={"2024-07": ["briefs/sbt/kodi.pdf"]}))
    assert message.startswith("Masalah berkas (file problem): (File problem (masalah berkas):)")
    assert "2099-01" in message
    assert "briefs/sbt/kodi.pdf GAGAL dibuat" in message and "could NOT be rendered" in message


def test_the_artifact_lists_each_file_problem_as_plain_text() -> None:
    odd = FileProblem("missing_column", "a|b_*.csv", sheet="kegiatan", column="status", table="kegiatan")
    markdown = stop_markdown(Stop(rounds={"2025-01": [MISSING, odd]}))
    items = [line for line in markdown.splitlines() if line.startswith("- ")]
    assert items == ["- **sbt\\_kegiatan.csv** · Kolom / Column **status**",
                     "- **a\\|b\\_\\*.csv** · Sheet **kegiatan** · Kolom / Column **status**"]
    assert "    - Berkas sbt\\_kegiatan.csv: kolom wajib 'status' tidak ada" in markdown
    assert "    - File sbt\\_kegiatan.csv: required column 'status' is missing" in markdown
    assert "## 2025-01: DIHENTIKAN" in markdown


def test_explorer_opens_a_wsl_folder_by_its_network_address() -> None:
    assert explorer_path("/home/officer/bangkit/data/processed/2025-01", "Ubuntu") == \
        "\\\\wsl$\\Ubuntu\\home\\officer\\bangkit\\data\\processed\\2025-01"
    assert explorer_path("/mnt/c/Users/Officer/out", "Ubuntu-24.04") == "C:\\Users\\Officer\\out"
    assert explorer_path("/mnt/d", "Ubuntu") == "D:\\"
    assert explorer_path("/home/officer/out", None) is None  # not WSL: no Windows address


def test_the_outputs_artifact_gives_addresses_to_copy_not_file_links() -> None:
    folder = "/home/officer/bangkit/data/processed/2025-01"
    markdown = outputs_markdown("2025-01", folder, "Ubuntu", "id")
    assert f"`{folder}`" in markdown
    assert "`\\\\wsl$\\Ubuntu\\home\\officer\\bangkit\\data\\processed\\2025-01`" in markdown
    assert "file:" not in markdown and "](" not in markdown
    plain = outputs_markdown("2025-01", folder, None, "en")
    assert "Windows Explorer" not in plain and "Outputs of 2025-01" in plain
