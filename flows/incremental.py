"""Incremental reruns: what the previous run of a round left, and what can be kept of it.

The cache is the round's own output folder: its manifest records, next to every output's
sha256, the key of the whole round (input files of this and earlier rounds, reference files,
code and library versions, options) and the key of every brief and workbook (digests of
what it is built from, and the code).
A new output folder has no manifest, so it is a cold run.

- Same round key and every output still there as recorded: the round is not touched at all.
- Otherwise the round is recomputed in a staging folder, but a brief whose key did not change
  is hard-linked from the previous outputs instead of rendered, and any other output that came
  out byte-identical is linked too: unchanged files keep their inode and mtime.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from flows.writers import sha256
from transforms.digests import fingerprint

# Libraries whose version can change an output's bytes: rendering, fonts and images, tables
# and workbooks, validation docs.
OUTPUT_LIBRARIES = ("weasyprint", "pydyf", "fonttools", "tinycss2", "matplotlib", "pypdfium2",
                    "pillow", "jinja2", "babel", "pandas", "pyarrow", "openpyxl", "great-expectations")


@functools.cache
def library_versions() -> dict[str, str]:
    """Versions of the libraries (and of Pango, which lays out the text) behind the outputs."""
    found = {}
    for name in OUTPUT_LIBRARIES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "absent"
    try:
        from weasyprint.text.ffi import pango

        found["pango"] = str(pango.pango_version())
    except (ImportError, OSError, AttributeError):
        found["pango"] = "unknown"
    return found


def round_key(round_id: str, inputs: dict[str, dict[str, str]], reference: dict[str, str],
              code_digest: str, options: dict[str, object]) -> str:
    """Everything a round's outputs depend on. `inputs` holds the file hashes of this round and
    of every earlier round (their data feed the comparison and the follow-ups)."""
    earlier = {rid: files for rid, files in inputs.items() if rid <= round_id}
    return fingerprint("round", round_id, earlier, reference, code_digest, library_versions(), options)


def brief_key(template: str, inputs: object, code_digest: str) -> str:
    """A brief's key: its template, what its view model is built from, the code and libraries."""
    return fingerprint("brief", template, inputs, code_digest, library_versions())


def workbook_key(content: tuple, code_digest: str) -> str:
    return fingerprint("workbook", content, code_digest, library_versions())


@dataclass
class Kept:
    """Outputs of the previous run carried into a new one as they are."""
    files: list[str] = field(default_factory=list)
    keys: dict[str, str] = field(default_factory=dict)  # path → the key it was made with
    stale: list[str] = field(default_factory=list)  # kept, but made from other data than this run's

    def of_cache(self, prefix: tuple[str, ...]) -> dict[str, str]:
        return {p: k for p, k in self.keys.items() if p.startswith(prefix)}


@dataclass
class PreviousRound:
    """The outputs a previous run left in OUT/<round>, as its manifest describes them."""

    folder: Path
    manifest: dict = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> PreviousRound:
        try:
            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            manifest = {}  # no previous run, or a manifest we cannot read: nothing to reuse
        return cls(folder, manifest if isinstance(manifest, dict) else {})

    @property
    def outputs(self) -> dict[str, str]:
        return self.manifest.get("outputs", {})

    def cache(self, name: str) -> object:
        return self.manifest.get("cache", {}).get(name)

    def round_keys(self) -> dict[str, str]:
        """Language → the round key its briefs and workbooks in this folder were made with, for
        every language whose outputs are current (a folder holds Indonesian and English ones)."""
        keys = self.cache("round_keys")
        if isinstance(keys, dict):
            return keys
        recorded = self.cache("round_key")  # a manifest from before languages sat side by side
        return {self.manifest.get("lang", "id"): recorded} if recorded else {}

    def is_current(self, key: str) -> bool:
        """Built from the same everything (in one of the languages the folder holds), and every
        output still there as written."""
        if key not in self.round_keys().values() or not self.outputs:
            return False
        return all(_intact(self.folder / path, digest) for path, digest in self.outputs.items())

    def is_reusable(self, relative: str, key: str, cache: str = "briefs") -> bool:
        """The previous file at `relative` was made from content with this key (a brief's in the
        manifest's `briefs` cache, a workbook's in `workbooks`) and is still as written."""
        keys = self.cache(cache) or {}
        digest = self.outputs.get(relative)
        return keys.get(relative) == key and digest is not None and \
            (self.folder / relative).is_file() and sha256(self.folder / relative) == digest

    def adopt(self, relative: str, staging: Path) -> bool:
        """Put the previous file at `relative` into staging as it is (same inode where the file
        system allows). False when there is none."""
        source = self.folder / relative
        if not source.is_file():
            return False
        link_or_copy(source, staging / relative)
        return True

    def keep(self, staging: Path, chosen: Callable[[str], bool], now: dict[str, str] | None = None
             ) -> Kept:
        """Put the previous outputs `chosen` picks into staging as they are, with the keys (of the
        `briefs` or `workbooks` cache) they were made with. With `now` (path → the key of its
        content in this run) also say which of them no longer match the data."""
        recorded = {**(self.cache("workbooks") or {}), **(self.cache("briefs") or {})}
        kept = Kept()
        for relative in sorted(self.outputs):
            if not chosen(relative) or not self.adopt(relative, staging):
                continue
            kept.files.append(relative)
            if relative in recorded:
                kept.keys[relative] = recorded[relative]
                if now is not None and now.get(relative) != recorded[relative]:
                    kept.stale.append(relative)
        return kept

    def adopt_unchanged(self, staging: Path, written: dict[str, str]) -> None:
        """Files written again with the same bytes (`written`: relative path → sha256 of the
        staging files) become the previous files again, keeping their inode and mtime."""
        for relative, digest in written.items():
            source = self.folder / relative
            # adopted files are already the previous ones (same inode): no need to hash them again
            if self.outputs.get(relative) == digest and source.is_file() \
                    and not (staging / relative).samefile(source) and _intact(source, digest):
                link_or_copy(source, staging / relative)


def _intact(path: Path, digest: str) -> bool:
    return path.is_file() and sha256(path) == digest


def link_or_copy(source: Path, target: Path) -> None:
    """Hard link `source` at `target` (replacing it); copy with its times where links fail."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.link-{os.getpid()}")
    try:
        os.link(source, temporary)
    except OSError:
        shutil.copy2(source, temporary)
    os.replace(temporary, target)


def changes_since(previous: dict[str, str], current: dict[str, str]) -> dict[str, object]:
    """What a run changed in a round folder, path by path."""
    return {
        "added": sorted(set(current) - set(previous)),
        "changed": sorted(p for p in set(current) & set(previous) if current[p] != previous[p]),
        "removed": sorted(set(previous) - set(current)),
        "unchanged": sum(1 for p in set(current) & set(previous) if current[p] == previous[p]),
    }
