package dev.rehearse.load;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What the engine's planner would do with one workload query (EXPLAIN, not run): the indexes its plan reads and its
 * scan nodes, in plan order, as the engine words them ({@code Index Scan using orders_customer_idx on orders},
 * {@code Seq Scan on orders}).
 *
 * @param indexes the indexes the plan uses, each once
 * @param seqScans the tables the plan reads by a sequential scan, each once
 * @param scans the plan's scan nodes, in plan order
 * @param error why the query could not be planned (the server's first line), null when it was
 */
public record QueryPlan(List<String> indexes, List<String> seqScans, List<String> scans, String error) {

    public QueryPlan {
        indexes = List.copyOf(indexes);
        seqScans = List.copyOf(seqScans);
        scans = List.copyOf(scans);
    }

    public static QueryPlan failed(String error) {
        return new QueryPlan(List.of(), List.of(), List.of(), error);
    }

    /** The plans of a query's statements, as one: a transaction of several is planned statement by statement. */
    public static QueryPlan merge(List<QueryPlan> plans) {
        LinkedHashSet<String> indexes = new LinkedHashSet<>(), seq = new LinkedHashSet<>();
        List<String> scans = new ArrayList<>();
        String error = null;
        for (QueryPlan p : plans) {
            indexes.addAll(p.indexes());
            seq.addAll(p.seqScans());
            scans.addAll(p.scans());
            if (error == null) error = p.error();
        }
        return new QueryPlan(List.copyOf(indexes), List.copyOf(seq), scans, error);
    }
}
