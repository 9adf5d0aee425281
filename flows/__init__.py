"""Everything that touches the outside world: files, Prefect, Great Expectations, WeasyPrint, the
command line. The round's journey is the flow in `round_flow.py`."""
