"""The content-hash cache: entry formats, keys, a local tier and a shared Redis tier.

Layout after ccache: keys (what goes into a hash), entries (how bytes are framed
and verified), storage backends one file each behind get/put/remove
(storage/local.py, storage/redis.py), the tier list with its sharing policy
(tiers.py), and stats kept apart from all of them.
"""
