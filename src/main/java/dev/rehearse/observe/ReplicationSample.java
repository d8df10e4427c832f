package dev.rehearse.observe;

/**
 * What the replication sampler saw at one instant, in terms every engine can fill: how far behind the replica's
 * applied state is, in time and in log bytes. A figure the engine cannot give is null.
 *
 * @param lagMs how long ago the primary was where the replica has applied up to (the figure the analysis judges):
 *              the time from a write on the primary to the replica showing it
 * @param lagBytes log the primary has written that the replica has not applied yet (PostgreSQL: WAL insert position
 *                 minus replay position)
 * @param primaryPosition the primary's log position as a byte offset (PostgreSQL: its WAL insert LSN); null where the
 *                        engine has no byte position
 * @param appliedPosition the replica's applied position on the same scale (PostgreSQL: its replay LSN)
 * @param writeLagMs the server's own view, where it keeps one (PostgreSQL {@code pg_stat_replication.write_lag}):
 *                   until the replica received and wrote recent log
 * @param flushLagMs ... until it flushed it ({@code flush_lag})
 * @param replayLagMs ... until it applied it ({@code replay_lag})
 * @param conflictCancels replica queries the replica's server cancelled so far because they conflicted with what it
 *                        applied, counted since the replica started (PostgreSQL {@code pg_stat_database_conflicts})
 */
public record ReplicationSample(Long lagMs, Long lagBytes, Long primaryPosition, Long appliedPosition,
                                Long writeLagMs, Long flushLagMs, Long replayLagMs, Long conflictCancels) {}
