"""Pure transforms of a monitoring round: DataFrames and plain values in and out, no Prefect, no
files, no clock. The packages follow the round's journey:

- `contract` — the one source of truth: tables, vocabularies, messages, reference data, docs;
- `ingest` — sheets as read off the files into one raw frame per table;
- `validate` — values parsed, names resolved, rules applied: clean rows, quarantine, warnings;
- `derive` — summaries, round-over-round tracking, the recommendation matrices;
- `present` — what people read: brief view models, charts, corrections, artifacts, e-mails.
"""
