"""Scale-out: the single-box index split into S shards, searched as one (see docs/scale-out.md).

Nothing here imports Ray at module level: the in-process cluster (`LocalShards`) runs the same
shard and merge code without it, and Ray stays an optional extra (`pip install -e '.[cluster]'`).
"""
