"""kgraph: turn ML paper listings into a knowledge graph."""
__version__ = "0.1.0"
