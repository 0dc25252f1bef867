"""Keys of `API.extensions` that a front end fills and a renderer reads (the contract lives
here, beside the model, so that neither side imports the other)."""

from __future__ import annotations

# proto: the fingerprint of the descriptor set the IR was built from; `ProtoArtifacts` carry
# the same value, so a renderer can tell that the IR and the stubs belong together
PROTO_FINGERPRINT = "proto_fingerprint"
# proto: service full name -> its comment (the IR has no service node; prose, see below)
PROTO_SERVICE_DOCS = "proto_service_docs"

# the extensions whose values map a name to prose: held to the limits of prose, not of values
# (`generator.ir.limits`)
PROSE_EXTENSIONS = frozenset({PROTO_SERVICE_DOCS})
