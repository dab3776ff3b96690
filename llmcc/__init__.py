"""llmcc: a drop-in clang replacement that shrinks objects below ``clang -Oz``.

This module must stay import-free: every compile imports it.
"""

__version__ = "0.1.0"
