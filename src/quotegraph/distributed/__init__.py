"""The same extraction past one machine: input shards as Dask tasks, results as partitioned Parquet.

`run_batch` runs it (on a LocalCluster or an existing scheduler); `parquet` owns the output format,
used by `quotegraph batch` to write and by `quotegraph load` to bring a result into the store.
"""
from __future__ import annotations

from quotegraph.distributed.parquet import (SCHEMAS, TABLES, ShardResult, finished_shards, iter_records,
                                            read_table)
from quotegraph.distributed.run import (BatchReport, ClusterError, Shard, local_cluster, plan_shards,
                                        run_batch)

__all__ = ["run_batch", "plan_shards", "local_cluster", "BatchReport", "Shard", "ShardResult", "ClusterError",
           "SCHEMAS", "TABLES", "read_table", "iter_records", "finished_shards"]
