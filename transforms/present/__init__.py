"""Present: what people read, as data: brief view models, charts, corrections, artifacts, e-mails."""
