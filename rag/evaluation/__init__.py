"""Evaluation, apart from the answering path: gold sets and their metrics (`evals`),
`rag eval --compare` (`compare`), written reports (`reports`) and converters from public
datasets (`datasets`: `python -m rag.evaluation.datasets.piaf`)."""
