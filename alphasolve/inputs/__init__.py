"""Inputs for clustering: new test inputs generated from the public ones.

`mutate_inputs` keeps the shape of the public inputs (see `alphasolve.inputs.mutate`).
"""

from alphasolve.inputs.mutate import GeneratedInput, mutate_inputs

#: changes whenever the mutator makes different inputs for the same settings: part of the inputs
#: stage's key, so that runs made by an older alphasolve regenerate their inputs
MUTATOR_VERSION = 2

__all__ = ["GeneratedInput", "MUTATOR_VERSION", "mutate_inputs"]
