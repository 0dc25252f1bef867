"""Resource classes: one per group of operations."""
