"""The OpenAPI front end: OpenAPI 3.0/3.1 and Swagger 2.0 documents (YAML or JSON) in, the IR out.

Its entry is `front_end.load_openapi`. This package's `__init__` imports nothing: the validation
worker (`validate_worker`) imports submodules of this package and none of the conversion's
modules, which it would otherwise import at each start (~0.1 s of CPU on every cold run of a
large description).
"""
