"""alphasolve: sample, filter, cluster and rank candidate programs, AlphaCode 2 style."""

__version__ = "0.1.0"
