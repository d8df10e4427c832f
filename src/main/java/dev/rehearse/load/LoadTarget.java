package dev.rehearse.load;

/**
 * A table the default workload reads and updates by primary key.
 *
 * @param selectSql reads one row by key (one parameter)
 * @param updateSql updates one row by key without changing its values' meaning (one parameter)
 * @param minKey smallest key present
 * @param maxKey largest key present
 */
public record LoadTarget(String table, String selectSql, String updateSql, long minKey, long maxKey) {}
