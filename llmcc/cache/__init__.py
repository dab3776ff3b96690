"""The content-hash cache: entry formats, keys, a local tier and a shared Redis tier.

Layout after ccache: keys (what goes into a hash), entries (how bytes are framed
and verified), storage/local and storage/remote behind one small interface, and
stats kept apart from all of them.
"""
