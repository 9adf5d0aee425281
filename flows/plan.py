"""The rerun plan: before any work, what each round of a run will do.

A chosen round whose inputs, reference files, code and options are those of its outputs is kept
as it is; another chosen round is computed; a round that is not chosen (or is kept) is read
only when a later computed round needs it (round-over-round tracking, the matrix carried over).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from flows.incremental import PreviousRound, round_key
from flows.readers import round_files, sha256_file
from flows.render_stage import Parallelism
from flows.writers import code_version, recover_interrupted
from transforms.contract.messages import FileProblem
from transforms.contract.reference import Reference


@dataclass
class RunContext:
    """What every round of one run shares: where things are, the options, and the keys of what
    the outputs depend on (for reruns that redo only what changed)."""
    raw_dir: Path
    out_dir: Path
    lang: str
    preview: bool
    inputs: dict[str, dict[str, str]]  # round → file → sha256, for every round folder present
    code_digest: str
    render: bool = True  # False: the data products only, no briefs or workbooks (`--no-render`)
    parallelism: Parallelism = field(default_factory=Parallelism)  # not part of any key

    def round_key(self, round_id: str, reference: Reference) -> str:
        return round_key(round_id, self.inputs, reference.hashes, self.code_digest,
                         {"lang": self.lang, "preview": self.preview, "render": self.render})

    def is_current(self, earlier: PreviousRound, round_id: str, reference: Reference) -> bool:
        """The outputs are those this run would make; for `--no-render`, outputs of a full run
        from the same inputs do too (their briefs are kept, not erased)."""
        return earlier.is_current(self.round_key(round_id, reference)) or (
            not self.render and earlier.is_current(replace(self, render=True).round_key(round_id, reference)))


def run_context(raw_dir: Path, out_dir: Path, reference: Reference, lang: str, preview: bool,
                render: bool = True, parallelism: Parallelism | None = None) -> RunContext:
    inputs = {rid: {p.relative_to(raw_dir / rid).as_posix(): sha256_file(p)
                    for p in round_files(raw_dir / rid)}
              for rid in reference.rounds if (raw_dir / rid).is_dir()}
    return RunContext(raw_dir, out_dir, lang, preview, inputs, code_version()["source_sha256"], render,
                      parallelism or Parallelism())


def rounds_to_run(raw_dir: Path, reference: Reference, wanted: list[str] | None
                  ) -> tuple[list[str], list[FileProblem]]:
    """The rounds asked for (default: every round folder under raw_dir that the reference knows)."""
    found = sorted(p.name for p in raw_dir.iterdir() if p.is_dir() and not p.name.startswith("."))\
        if raw_dir.is_dir() else []
    chosen = wanted or [r for r in found if r in reference.rounds]
    unknown = [r for r in chosen if r not in reference.rounds]
    problems = [FileProblem("unknown_round", str(raw_dir), value=r,
                            expected=", ".join(reference.rounds)) for r in unknown]
    if not chosen:
        problems.append(FileProblem("no_rounds", str(raw_dir)))
    return sorted(chosen), problems


class Action(StrEnum):
    KEEP = "keep"  # chosen, outputs current: left as they are
    COMPUTE = "compute"  # chosen: recomputed in a staging folder, swapped in whole
    MISSING = "missing"  # chosen, but its folder is not there: the round stops
    HISTORY = "history"  # not chosen: read only for the comparisons of a later round


@dataclass(frozen=True)
class RoundStep:
    round_id: str
    action: Action
    folder: Path  # the round's raw folder
    previous: PreviousRound | None = None  # what the last run left in OUT/<round> (KEEP, COMPUTE)
    as_history: bool = False  # also read for a later computed round (KEEP, HISTORY)


@dataclass(frozen=True)
class RunPlan:
    run: RunContext
    steps: list[RoundStep]

    @property
    def computed(self) -> list[RoundStep]:
        return [s for s in self.steps if s.action == Action.COMPUTE]


def plan_run(run: RunContext, reference: Reference, chosen: list[str]) -> RunPlan:
    """Every round up to the last chosen one, oldest first, with what it will do."""
    decided = []
    for round_id in sorted(set(chosen) | {r for r in reference.rounds if r < max(chosen)}):
        folder = run.raw_dir / round_id
        if round_id not in chosen:
            decided.append(RoundStep(round_id, Action.HISTORY, folder))
        elif not folder.is_dir():
            decided.append(RoundStep(round_id, Action.MISSING, folder))
        else:
            recover_interrupted(run.out_dir, round_id)  # a killed swap: previous outputs back first
            earlier = PreviousRound.load(run.out_dir / round_id)
            if run.is_current(earlier, round_id, reference):
                decided.append(RoundStep(round_id, Action.KEEP, folder, earlier))
            else:
                decided.append(RoundStep(round_id, Action.COMPUTE, folder, earlier))
    last_computed = max((s.round_id for s in decided if s.action == Action.COMPUTE), default="")
    steps = [replace(s, as_history=s.round_id < last_computed) if s.action in (Action.KEEP, Action.HISTORY)
             else s for s in decided]
    return RunPlan(run, [s for s in steps if s.action != Action.HISTORY or s.as_history])
