"""Message fields whose words change with the language: where a row is (`berkas a.xlsx, baris 6`
/ `file a.xlsx, row 6`) and what became of a recommendation a returned matrix replaced.
messages.py fills them into its sentences."""

from __future__ import annotations

from dataclasses import dataclass

MATRIX_OUTCOMES: dict[str, tuple[str, str]] = {
    "kept": ("Rekomendasi no {value} dibaca dari {others}.",
             "Recommendation no {value} is read from {others}."),
    "dropped": ("Rekomendasi no {value} tidak ada di matriks, jadi tidak dipakai lagi.",
                "Recommendation no {value} is not in the matrix, so it is no longer used."),
}


@dataclass(frozen=True)
class Bilingual:
    """A message field whose text depends on the language (a place in a file: `baris` / `row`)."""
    id: str
    en: str

    def text(self, lang: str) -> str:
        return self.id if lang == "id" else self.en


def where_text(places: list[tuple[str, str, int]]) -> Bilingual:
    """`berkas a.xlsx, lembar rekomendasi, baris 6, 7; berkas b.csv, baris 3`: rows grouped by
    file and sheet, in the order given (a CSV has no sheet)."""
    groups: dict[tuple[str, str], list[str]] = {}
    for file, sheet, row in places:
        groups.setdefault((file, sheet), []).append(str(row))
    def one(lang: str) -> str:
        file_word, sheet_word = ("berkas", "lembar") if lang == "id" else ("file", "sheet")
        def row_word(rows: list[str]) -> str:
            return "baris" if lang == "id" else "row" if len(rows) == 1 else "rows"
        return "; ".join(", ".join([f"{file_word} {file}", *([f"{sheet_word} {sheet}"] if sheet else []),
                                    f"{row_word(rows)} {', '.join(rows)}"])
                         for (file, sheet), rows in groups.items())
    return Bilingual(one("id"), one("en"))


def outcome_text(code: str, **fields: object) -> Bilingual:
    """One of MATRIX_OUTCOMES, its fields filled per language."""
    template_id, template_en = MATRIX_OUTCOMES[code]
    return Bilingual(template_id.format_map(in_lang("id", fields)),
                     template_en.format_map(in_lang("en", fields)))


def in_lang(lang: str, fields: dict[str, object]) -> dict[str, object]:
    return {k: v.text(lang) if isinstance(v, Bilingual) else v for k, v in fields.items()}
