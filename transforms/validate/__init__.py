"""Validate: values parsed, place names resolved, the contract's rules applied; every row ends up
clean or in quarantine, with warnings beside."""
