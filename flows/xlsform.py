"""The village monitoring instrument as an XLSForm for KoboToolbox / ODK Collect.

Derived from the contract: field names are the contract's Indonesian headers, activities are a
repeat group `kegiatan`, choice lists are the vocabularies, and kabupaten → kecamatan → desa are
cascading selects from the reference. Its XLSX export ("XML values and headers") is read back by
the pipeline as the round's `desa` and `kegiatan` tables.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from flows.workbooks import save_stable
from transforms.contract.labels import label
from transforms.contract.layout import slug
from transforms.contract.tables import ACTIVITIES, VILLAGES, VOCABULARIES, Field, Kind
from transforms.validate.names import Gazetteer

FORM_ID = "bangkit_pemantauan_desa"
REPEAT = ACTIVITIES.name_id  # the repeat group and its export sheet: `kegiatan`
SURVEY_COLUMNS = ("type", "name", "label::Indonesian (id)", "label::English (en)", "required",
                  "constraint", "constraint_message::Indonesian (id)",
                  "constraint_message::English (en)", "choice_filter", "relevant")
PLACE_LISTS = {Kind.KABUPATEN: "kabupaten", Kind.KECAMATAN: "kecamatan", Kind.DESA: "desa"}
FILTERS = {Kind.KECAMATAN: "kabupaten=${kabupaten}", Kind.DESA: "kecamatan=${kecamatan}"}


def choice_name(text: str) -> str:
    """XLSForm choice names must be XML names: `Pulau Gorom` → `pulau_gorom`."""
    return slug(text).replace("-", "_")


def _constraint_message(key: str) -> dict[str, str]:
    return {"constraint_message::Indonesian (id)": label(key, "id"),
            "constraint_message::English (en)": label(key, "en")}


def _survey_row(f: Field) -> dict[str, str]:
    row = {"name": f.header_id, "label::Indonesian (id)": f.doc_id, "label::English (en)": f.doc_en,
           "required": "yes" if f.required else ""}
    if f.kind in PLACE_LISTS:
        row["type"] = f"select_one {PLACE_LISTS[f.kind]}"
        row["choice_filter"] = FILTERS.get(f.kind, "")
    elif f.kind == Kind.VOCAB:
        row["type"] = f"select_one {f.vocab}"
    elif f.kind == Kind.DATE:
        row["type"] = "date"
    elif f.kind in (Kind.INT, Kind.RUPIAH):
        row["type"] = "integer"
        row["constraint"] = ". >= 0"
        row.update(_constraint_message("must_not_be_negative"))
    elif f.kind == Kind.PERCENT:
        row["type"] = "decimal"
        row["constraint"] = ". >= 0 and . <= 100"
        row.update(_constraint_message("between_0_and_100"))
    else:
        row["type"] = "text"
    if f.name == "constraint_category":
        row["relevant"] = "${kendala} != ''"
        row["required"] = "yes"
    return row


def survey_rows() -> list[dict[str, str]]:
    rows = [_survey_row(f) for f in VILLAGES.fields]
    rows.append({"type": "begin_repeat", "name": REPEAT, "label::Indonesian (id)": "Kegiatan RPD",
                 "label::English (en)": "VLP activities"})
    rows += [_survey_row(f) for f in ACTIVITIES.fields if f.kind not in PLACE_LISTS]
    rows.append({"type": "end_repeat", "name": REPEAT})
    return rows


def choice_rows(gazetteer: Gazetteer) -> list[dict[str, str]]:
    rows = [{"list_name": vocab.name, "name": term.value, "label::Indonesian (id)": term.label_id,
             "label::English (en)": term.label_en}
            for vocab in VOCABULARIES.values() for term in vocab.terms]
    def place(list_name: str, name: str, **parent: str) -> dict[str, str]:
        return {"list_name": list_name, "name": choice_name(name), "label::Indonesian (id)": name,
                "label::English (en)": name, **{k: choice_name(v) for k, v in parent.items()}}

    for kab in sorted(gazetteer.kabupaten.places):
        rows.append(place("kabupaten", kab))
        for kec in sorted(gazetteer.kecamatan[kab].places) if kab in gazetteer.kecamatan else []:
            rows.append(place("kecamatan", kec, kabupaten=kab))
            villages = gazetteer.desa[(kab, kec)].places if (kab, kec) in gazetteer.desa else {}
            rows += [place("desa", desa, kecamatan=kec) for desa in sorted(villages)]
    return rows


def write_xlsform(path: Path, gazetteer: Gazetteer, version: str = "1") -> None:
    workbook = Workbook()
    survey = workbook.active
    survey.title = "survey"
    survey.append(list(SURVEY_COLUMNS))
    for row in survey_rows():
        survey.append([row.get(c, "") for c in SURVEY_COLUMNS])
    choices = workbook.create_sheet("choices")
    columns = ["list_name", "name", "label::Indonesian (id)", "label::English (en)", "kabupaten",
               "kecamatan"]
    choices.append(columns)
    for row in choice_rows(gazetteer):
        choices.append([row.get(c, "") for c in columns])
    settings = workbook.create_sheet("settings")
    settings.append(["form_title", "form_id", "version", "default_language",
                     "allow_choice_duplicates"])
    settings.append(["Pemantauan Mandiri Desa — Program BangKIT", FORM_ID, version,
                     "Indonesian (id)", "yes"])
    save_stable(workbook, path)
