"""The content-hash cache: entry formats, keys, a local tier and a shared Redis tier.

Layout after ccache: keys (what goes into a hash), entries (how bytes are framed
and verified), the local tier (local.py) and the Redis tier (remote.py) behind
the small interface that tiers.py uses, and stats kept apart from all of them.
"""
