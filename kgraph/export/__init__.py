"""Write the knowledge graph as files: Turtle/N-Triples/JSON-LD, HTML, GraphML, JSON."""
