"""HTTP service (FastAPI) over the `rag` library: arrives with the service issue."""
