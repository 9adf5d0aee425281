"""The contract: tables, fields, vocabularies, messages and reference data, declared once."""
