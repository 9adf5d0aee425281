"""The sample monitoring rounds in data/raw/, generated (entry point: scripts/generate_sample.py).

    content/*.toml   what the villages plan, report and get wrong: the sample's content, as data
    content.py       reads those files into the objects below, checked against the contract
    reference.py     the programme's villages and rounds (data/reference/) and the seeded draws
    activities.py    activities and how their statuses, progress and budgets move over the rounds
    records.py       one row of one table per village, activity, meeting and recommendation
    mistakes.py      the deliberate mistakes planted in those rows, and the warnings they cause
    cells.py         how a row is typed into a file's cells (values: scripts/typing_habits.py)
    files.py         which file holds which rows, and writing the workbooks and CSVs
    documents.py     data/raw/README.md and data/raw/expected_problems.csv
    generate.py      all of it, round by round
"""
