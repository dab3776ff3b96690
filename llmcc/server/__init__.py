"""The model server: a warm process that keeps a model loaded, like sccache's server.

Loading onnxruntime and a model costs a fraction of a second to seconds while a
compile costs milliseconds, so the compiler driver never imports them: it asks this
server over an OpenAI-compatible HTTP API on a private Unix socket.

- ``client``: the driver's side (standard library only), also used for remote servers;
- ``control``: find, auto-start (once, under a file lock) and stop the local server;
- ``app``: the HTTP server itself; ``onnx_backend``: greedy decoding and ranking on
  onnxruntime and tokenizers (no torch, transformers or optimum: their import was 6 s).

Importing this package imports nothing.
"""
