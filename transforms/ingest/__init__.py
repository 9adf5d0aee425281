"""Ingest: sheets as read off the files (flows/readers.py) into one raw frame per table."""
