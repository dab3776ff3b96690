"""Training llmcc's own model: tuner labels → FTD dataset → tokenizer + small Llama → ONNX.

``python -m llmcc.train dataset|train`` (docs/model-card.md). Nothing here is
imported by the driver: the shipped model is served by llmcc.server.
"""
