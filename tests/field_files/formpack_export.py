"""KoboToolbox's export library formpack run on the project's form and the field-file submissions:
`FORMPACK_PYTHON formpack_export.py FORM.xlsx SUBMISSIONS.json OUT_DIR` (run by build_exports.py
in a virtualenv holding formpack, never the project's). The export options are KoboToolbox's
(kpi): its copy fields, `/` as group separator, `;` for CSV; one file per Kobo export variant."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from formpack import FormPack
from formpack.constants import UNTRANSLATED
from formpack.schema.fields import (
    IdCopyField,
    NotesCopyField,
    SubmissionTimeCopyField,
    TagsCopyField,
    ValidationStatusCopyField,
)
from formpack.utils.text import get_valid_filename
from formpack.utils.xls_to_ss_structure import xlsx_to_dicts

# the columns kpi copies into every export (kpi/models/import_export_task.py)
COPY_FIELDS = (IdCopyField, "_uuid", SubmissionTimeCopyField, ValidationStatusCopyField,
               NotesCopyField, "_status", "_submitted_by", "__version__", TagsCopyField)
XLSX = {  # folder → (language, group names in headers, numbers stored as text)
    "kobo_xml": (UNTRANSLATED, True, False),
    "kobo_labels_id": ("Indonesian (id)", False, True),
    "kobo_labels_id_groups": ("Indonesian (id)", True, True),
    "kobo_labels_en": ("English (en)", False, True),
    "kobo_labels_en_groups": ("English (en)", True, False),
}
CSV = {"kobo_csv": (UNTRANSLATED, True), "kobo_csv_labels": ("English (en)", True)}


def main(form: Path, submissions_path: Path, out: Path) -> None:
    with form.open("rb") as handle:
        content = xlsx_to_dicts(handle)
    settings = content.pop("settings")[0]
    submissions = json.loads(submissions_path.read_text(encoding="utf-8"))
    version = submissions[0]["__version__"]  # kpi's uid of the deployed version
    pack = FormPack([{"content": content, "version": version, "id_string": settings["form_id"]}],
                    title=settings["form_title"], id_string=settings["form_id"])
    stamp = "2024-07-31-02-15-09"  # kpi names an export by form title, versions, language and time
    for folder, (lang, groups, as_text) in XLSX.items():
        export = pack.export(lang=lang, hierarchy_in_labels=groups, versions=version,
                             copy_fields=COPY_FIELDS, xls_types_as_text=as_text)
        (out / folder).mkdir(parents=True)
        export.to_xlsx(str(out / folder / f"{_name(settings, lang)}_{stamp}.xlsx"), submissions)
    for folder, (lang, groups) in CSV.items():
        export = pack.export(lang=lang, hierarchy_in_labels=groups, versions=version,
                             copy_fields=COPY_FIELDS)
        (out / folder).mkdir(parents=True)
        lines = export.to_csv(submissions, sep=";", quote='"')
        (out / folder / f"{_name(settings, lang)}_{stamp}.csv").write_bytes(
            "".join(f"{line}\r\n" for line in lines).encode("utf-8"))


def _name(settings: dict, lang: str | None) -> str:
    """Like kpi's: form title, versions, XML values (`_xml`) or labels; the time is added."""
    words = f"{settings['form_title']} - all versions - {'labels' if lang else '_xml'} -"
    return get_valid_filename(words)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
