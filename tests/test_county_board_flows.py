"""The county board's everyday commands, as a user runs them: Swedish output by default."""

from __future__ import annotations

import json
from pathlib import Path

LOCAL_CATALOGUE = (
    "# set: vnl-lokala\n"
    "kod;namn;enhet;riktning;decimaler;min;max\n"
    "VL.1;Laddpunkter för elbil;antal/1000 inv;högre;1;0;\n"
)


def _load_local_set(miljomal, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "lokala.csv"
    path.write_text(LOCAL_CATALOGUE, encoding="utf-8")
    return miljomal("indicators", "load", str(path))


def test_indicators_load_speaks_swedish(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = _load_local_set(miljomal, tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stdout == "vnl-lokala: 1 nya, 0 ändrade, 0 oförändrade\n"


def test_a_local_set_stays_out_of_the_default_completeness_report(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _load_local_set(miljomal, tmp_path)
    default = miljomal("report", "completeness", "--year", "2024", "--json")
    local = miljomal("report", "completeness", "--year", "2024", "--set", "vnl-lokala", "--json")
    assert default.exit_code == 0 and local.exit_code == 0, default.output + local.output
    codes = [indicator["code"] for indicator in json.loads(default.output)["indicators"]]
    # 2024 reports default to the 2023 set, whose municipalities report 4 of its 13
    # indicators (the rest are national statistics); the local set stays out.
    assert "VL.1" not in codes and codes == ["GN.2b", "GN.7", "GN.8a", "GN.9b"]
    assert json.loads(default.output)["set"] == "sekom-2023"
    assert [i["code"] for i in json.loads(local.output)["indicators"]] == ["VL.1"]


def test_report_commands_say_skrev_in_swedish(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    output = tmp_path / "inrapportering.json"
    swedish = miljomal("report", "completeness", "--year", "2024", "-o", str(output))
    english = miljomal(
        "--lang", "en", "report", "completeness", "--year", "2024", "-o", str(output)
    )  # fmt: skip
    assert swedish.output == f"Skrev {output}\n"
    assert english.output == f"Wrote {output}\n"


def test_targets_set_and_load_speak_swedish_with_decimal_commas(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = miljomal(
        "targets", "set", "--municipality", "2281", "--indicator", "GN.12",
        "--value", "55,5", "--year", "2028",
    )  # fmt: skip
    again = miljomal(
        "targets", "set", "--county", "22", "--indicator", "GN.7",
        "--value", "400", "--year", "2030", "--base-year", "2015",
    )  # fmt: skip
    english = miljomal(
        "--lang", "en", "targets", "set", "--municipality", "2281", "--indicator", "GN.12",
        "--value", "55,5", "--year", "2028",
    )  # fmt: skip
    assert first.output == "Satte mål för kommun 2281, GN.12: 55,5 till 2028\n"
    assert again.output == "Satte mål för län 22, GN.7: 400 till 2030 (basår 2015)\n"
    assert english.output == "Replaced target for municipality 2281, GN.12: 55.5 by 2028\n"
    path = tmp_path / "mal.csv"
    path.write_text(
        "Kommun;Indikator;Målvärde;Målår;Basår\nSundsvall;GN.6;12,5;2030;2015\n", encoding="utf-8"
    )
    loaded = miljomal("targets", "load", str(path))
    assert loaded.exit_code == 0, loaded.output
    assert loaded.output == "Läste in 1 mål från mal.csv (1 nya, 0 ersatta).\n"


def test_registry_errors_from_any_command_are_in_swedish(miljomal) -> None:  # type: ignore[no-untyped-def]
    typo = miljomal(
        "targets", "set", "--municipality", "Sundsval", "--indicator", "GN.6",
        "--value", "1", "--year", "2030",
    )  # fmt: skip
    group = miljomal("groups", "show", "Nope")
    member = miljomal("municipalities", "set-member", "Sundsval", "--since", "2003")
    english = miljomal("--lang", "en", "groups", "show", "Nope")
    assert (typo.exit_code, typo.output) == (
        1,
        "Fel: okänd kommun 'Sundsval' (menade du Sundsvall?)\n",
    )
    assert (group.exit_code, group.output) == (1, "Fel: ingen grupp heter 'Nope'\n")
    assert member.output == "Fel: okänd kommun 'Sundsval' (menade du Sundsvall?)\n"
    assert english.output == "Error: no group named 'Nope'\n"


def test_a_revert_is_named_in_swedish_in_history_and_uploads(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "sundsvall.csv"
    path.write_text("Kommun;Indikator;År;Värde\nSundsvall;GN.6;2024;4,5\n", encoding="utf-8")
    assert miljomal("import", str(path), "--quiet").exit_code == 0
    upload_id = json.loads(miljomal("uploads", "list", "--json").output)[-1]["id"]
    assert miljomal("uploads", "revert", str(upload_id)).exit_code == 0
    history = miljomal("history", "--municipality", "2281", "--indicator", "GN.6")
    listed = miljomal("uploads", "list")
    english = miljomal("--lang", "en", "uploads", "list")
    stored = json.loads(miljomal("uploads", "list", "--json").output)[-1]
    assert f"{upload_id + 1} återställning av uppladdning {upload_id}" in history.output
    assert f"återställning av uppladdning {upload_id}" in listed.output
    assert f"revert of upload {upload_id}" in english.output
    assert stored["file_name"] == f"revert of upload {upload_id}"  # JSON as it always was


def test_revert_into_a_locked_year_needs_force_and_reason(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "sundsvall.csv"
    path.write_text("Kommun;Indikator;År;Värde\nSundsvall;GN.6;2024;4,5\n", encoding="utf-8")
    assert miljomal("import", str(path), "--quiet").exit_code == 0
    upload_id = json.loads(miljomal("uploads", "list", "--json").output)[-1]["id"]
    assert miljomal("year", "lock", "2024").exit_code == 0

    refused = miljomal("uploads", "revert", str(upload_id))
    no_reason = miljomal("uploads", "revert", str(upload_id), "--force")
    assert (refused.exit_code, refused.output) == (
        1,
        f"Fel: att återställa uppladdning {upload_id} ändrar det låsta året 2024; "
        'använd --force --reason "..." om ändringen är beslutad\n',
    )
    assert no_reason.exit_code == 2
    export = ("export", "--municipality", "2281", "--indicator", "GN.6", "--year", "2024")
    assert "2024;4,5;rapporterat" in miljomal(*export, "--format", "csv").output

    forced = miljomal("uploads", "revert", str(upload_id), "--force", "--reason", "fel fil")
    assert forced.exit_code == 0, forced.output
    stored = json.loads(miljomal("uploads", "list", "--json").output)[-1]
    assert (stored["outcome"], stored["force_reason"]) == ("revert", "fel fil")
    # The upload created the value: the revert removes it, no "uppgift saknas" left behind.
    assert "2024;" not in miljomal(*export, "--format", "csv").output


def test_an_output_path_that_cannot_be_written_is_one_clear_line(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "fil").write_text("", encoding="utf-8")
    missing = tmp_path / "finns-inte" / "lan.pdf"
    report = miljomal("report", "county", "22", "--year", "2024", "-o", str(missing))
    template = miljomal("template", "-m", "2281", "-y", "2025", "-o", str(tmp_path / "fil/m.xlsx"))
    english = miljomal("--lang", "en", "report", "county", "22", "-y", "2024", "-o", str(missing))
    assert (report.exit_code, report.output) == (
        1,
        f"Fel: kan inte skriva {missing}: mappen finns inte\n",
    )
    assert (template.exit_code, template.output) == (
        1,
        f"Fel: kan inte skriva {tmp_path / 'fil/m.xlsx'}: en del av sökvägen är ingen mapp\n",
    )
    assert english.output == f"Error: cannot write {missing}: no such folder\n"
    assert not any(p.name.endswith(".part") for p in tmp_path.rglob("*"))
