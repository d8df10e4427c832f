package dev.rehearse.load;

import dev.rehearse.InvalidInputException;
import dev.rehearse.scenario.NamedSql;
import dev.rehearse.scenario.Scenario;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The application's own workload ({@code load.queries}), ready to run: each query's statements with JDBC
 * placeholders, and where each parameter's values come from, read once from the seeded data.
 */
public final class Workload {

    /** How many values of a column the workload draws from (uniformly, so the data's skew carries over). */
    public static final int SAMPLE = 10_000;

    /** A source of one parameter's values; called from the scheduler's thread only. */
    interface Values {
        Object next(SplittableRandom random);
    }

    /** One query: its statements (one, or several run as one transaction) and each placeholder's values in order. */
    record Prepared(String name, String table, List<String> sql, List<List<Values>> params, double weight,
                    boolean transaction) {

        Object[][] draw(SplittableRandom random) {
            Object[][] out = new Object[params.size()][];
            for (int i = 0; i < params.size(); i++) {
                List<Values> ps = params.get(i);
                out[i] = new Object[ps.size()];
                // one value per name within a run of the query: ':customer' twice is the same customer
                Map<Values, Object> drawn = new java.util.IdentityHashMap<>();
                for (int j = 0; j < ps.size(); j++) out[i][j] = drawn.computeIfAbsent(ps.get(j), v -> v.next(random));
            }
            return out;
        }
    }

    private final List<Prepared> queries;
    private final double[] cumulative;

    private Workload(List<Prepared> queries) {
        this.queries = List.copyOf(queries);
        this.cumulative = new double[queries.size()];
        double sum = 0;
        for (int i = 0; i < queries.size(); i++) cumulative[i] = sum += queries.get(i).weight();
    }

    /**
     * Reads each parameter's source once (after the seed): a sample of the column's values, or its largest
     * value for fresh keys. A source the seeded data cannot give (no such table or column, no values) is invalid
     * input naming the query and where it was written.
     */
    public static Workload prepare(Connection c, ColumnSource source, List<Scenario.Query> queries) {
        Map<Scenario.Param, Values> bySource = new LinkedHashMap<>();
        List<Prepared> out = new ArrayList<>();
        for (Scenario.Query q : queries) {
            Map<String, Values> byName = new LinkedHashMap<>();
            for (var e : q.params().entrySet()) {
                Scenario.Param p = e.getValue();
                Values v = bySource.get(p);
                if (v == null) {
                    v = values(c, source, q, e.getKey(), p);
                    bySource.put(p, v);
                }
                byName.put(e.getKey(), v);
            }
            List<String> sql = new ArrayList<>();
            List<List<Values>> params = new ArrayList<>();
            for (String statement : q.statements()) {
                NamedSql n = NamedSql.parse(statement);
                sql.add(n.jdbc());
                params.add(n.names().stream().map(byName::get).toList());
            }
            String table = q.params().values().stream().map(Scenario.Param::table).findFirst().orElse("");
            out.add(new Prepared(q.name(), table, sql, params, q.weight(), q.transaction()));
        }
        return new Workload(out);
    }

    private static Values values(Connection c, ColumnSource source, Scenario.Query q, String name, Scenario.Param p) {
        String where = q.origin() + ": workload query " + q.name() + ", params." + name + " (" + p + "): ";
        try {
            if (p.fresh()) {
                long max = source.max(c, p.table(), p.column());
                long[] next = {max};
                return random -> ++next[0];
            }
            List<Object> sample = source.sample(c, p.table(), p.column(), SAMPLE);
            if (sample.isEmpty()) throw new InvalidInputException(where + "the seeded column has no values to draw from");
            Object[] values = sample.toArray();
            return random -> values[random.nextInt(values.length)];
        } catch (SQLException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new InvalidInputException(where + msg, e);
        }
    }

    /** The engine's EXPLAIN of one statement with its parameters bound (not run); null when the engine has none. */
    public interface Explainer {
        QueryPlan explain(Connection c, String sql, Object[] params) throws SQLException;
    }

    /** One draw of a query's parameters, planned before the migrations and again after them with the same values. */
    public record Sample(String name, List<String> sql, Object[][] params) {}

    /**
     * One draw of each query's parameters, the way the workload draws them. Call it before the load starts: the
     * values' sources belong to the scheduler's thread once it runs.
     */
    public List<Sample> sample(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return queries.stream().map(q -> new Sample(q.name(), q.sql(), q.draw(random))).toList();
    }

    /**
     * Each sampled query's plan, by name, in the workload's order; a statement the server cannot plan (a column the
     * migration dropped) is that query's error. Null when the engine cannot explain.
     */
    public static Map<String, QueryPlan> explain(Connection c, Explainer explainer, List<Sample> samples) {
        Map<String, QueryPlan> out = new LinkedHashMap<>();
        for (Sample s : samples) {
            List<QueryPlan> parts = new ArrayList<>();
            for (int i = 0; i < s.sql().size(); i++) {
                try {
                    QueryPlan p = explainer.explain(c, s.sql().get(i), s.params()[i]);
                    if (p == null) return null;
                    parts.add(p);
                } catch (SQLException e) {
                    String msg = e.getMessage() == null ? e.getClass().getSimpleName()
                            : e.getMessage().lines().findFirst().orElse("");
                    parts.add(QueryPlan.failed(msg));
                }
            }
            out.put(s.name(), QueryPlan.merge(parts));
        }
        return out;
    }

    public List<String> names() {
        return queries.stream().map(Prepared::name).toList();
    }

    int size() {
        return queries.size();
    }

    /** A query chosen by weight. */
    Prepared pick(SplittableRandom random) {
        double r = random.nextDouble() * cumulative[cumulative.length - 1];
        for (int i = 0; i < cumulative.length; i++) if (r < cumulative[i]) return queries.get(i);
        return queries.get(queries.size() - 1);
    }
}
