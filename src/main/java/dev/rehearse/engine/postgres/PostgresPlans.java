package dev.rehearse.engine.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.load.QueryPlan;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A workload statement's plan: {@code EXPLAIN (FORMAT JSON)} with its parameters bound (a custom plan for those
 * values, as the application's first executions get), never ANALYZE, so nothing runs. The plan's
 * {@code "Index Name"} nodes are the indexes it uses; its {@code Seq Scan} nodes the tables it reads in full.
 */
final class PostgresPlans {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PostgresPlans() {}

    static QueryPlan explain(Connection c, String sql, Object[] params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN (FORMAT JSON) " + sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return QueryPlan.failed("EXPLAIN returned no plan");
                return parse(rs.getString(1));
            }
        }
    }

    /** The plan of {@code EXPLAIN (FORMAT JSON)}'s one row: {@code [{"Plan": {...}}]}. */
    static QueryPlan parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            return QueryPlan.failed("unreadable plan: " + e.getMessage());
        }
        LinkedHashSet<String> indexes = new LinkedHashSet<>(), seq = new LinkedHashSet<>();
        List<String> scans = new ArrayList<>();
        for (JsonNode top : root.isArray() ? root : List.of(root)) walk(top.path("Plan"), indexes, seq, scans);
        return new QueryPlan(List.copyOf(indexes), List.copyOf(seq), scans, null);
    }

    private static void walk(JsonNode node, LinkedHashSet<String> indexes, LinkedHashSet<String> seq, List<String> scans) {
        if (node.isMissingNode() || node.isNull()) return;
        String type = node.path("Node Type").asText("");
        String index = node.path("Index Name").asText(null);
        String relation = node.path("Relation Name").asText(null);
        if (index != null) indexes.add(index);
        if (type.equals("Seq Scan") && relation != null) seq.add(relation);
        if (index != null || relation != null) {
            scans.add(type + (index != null ? " using " + index : "") + (relation != null ? " on " + relation : ""));
        }
        for (JsonNode child : node.path("Plans")) walk(child, indexes, seq, scans);
    }
}
