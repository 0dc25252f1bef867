"""The intermediate representation shared by the OpenAPI and proto front ends and the renderers."""

from generator.ir.model import *  # noqa: F403
from generator.ir.model import API, NamedType, Operation, TypeExpr
from generator.ir.words import make_name, split_words

__all__ = ["API", "NamedType", "Operation", "TypeExpr", "make_name", "split_words"]
