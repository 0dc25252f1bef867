"""Hand-written modules from specs/custom/ (copied by apigen; edit them there)."""
