"""Inputs for clustering: new test inputs generated from the public ones.

`mutate_inputs` keeps the shape of the public inputs (see `alphasolve.inputs.mutate`).
"""

from alphasolve.inputs.mutate import GeneratedInput, mutate_inputs

__all__ = ["GeneratedInput", "mutate_inputs"]
