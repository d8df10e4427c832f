package dev.rehearse.seed;

import dev.rehearse.InvalidInputException;
import dev.rehearse.RehearsalFailedException;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.Scenario;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The seed stage: after the baseline schema is in place, fills each requested table to its row
 * count with generated rows through the engine's bulk path, parents before children.
 */
public final class Seeder {

    private final SchemaReader reader;
    private final BulkLoader loader;

    public Seeder(SchemaReader reader, BulkLoader loader) {
        this.reader = reader;
        this.loader = loader;
    }

    /**
     * @param tables rows per table, by {@code name} (schema public) or {@code schema.name}
     * @param seed the same seed gives the same rows
     * @param progress one line per step, for the console
     * @throws InvalidInputException naming the table/column/constraint when the request cannot be satisfied
     */
    public SeedResult seed(Database db, Map<String, Scenario.TableData> tables, long seed, Consumer<String> progress) {
        return seed(db, tables, seed, Profile.EMPTY, progress);
    }

    /**
     * As above, shaped by {@code profile}: its row counts (after its scale) unless {@code tables} names
     * the table, and its generators for the columns it names.
     */
    public SeedResult seed(Database db, Map<String, Scenario.TableData> tables, long seed, Profile profile,
                           Consumer<String> progress) {
        try (Connection c = db.connect("rehearse-seed")) {
            c.setAutoCommit(true);
            Map<String, Long> requested = new LinkedHashMap<>();
            profile.rows().forEach(requested::put);
            tables.forEach((name, data) -> {
                String q = name.contains(".") ? name : "public." + name;
                requested.keySet().removeIf(k -> (k.contains(".") ? k : "public." + k).equalsIgnoreCase(q));
                requested.put(name, data.rows());
            });
            Set<String> qualified = new HashSet<>();
            for (String name : requested.keySet()) qualified.add(name.contains(".") ? name : "public." + name);
            List<TableModel> models = ImpliedForeignKeys.apply(ProfileForeignKeys.apply(reader.read(c), profile),
                    qualified, progress);
            List<SeedPlanner.TablePlan> plans =
                    new SeedPlanner(models, seed, progress, new JdbcExisting(c), profile).plan(requested);
            List<TableSeed> out = new ArrayList<>();
            for (SeedPlanner.TablePlan plan : plans) {
                long start = System.nanoTime();
                try {
                    loader.load(c, plan.table(), plan.columns(), plan.rowSource());
                } catch (ConstraintViolation v) {
                    throw new InvalidInputException(violation(plan.table(), v), v);
                } catch (SQLException e) {
                    if (e.getSQLState() != null && e.getSQLState().startsWith("23")) { // integrity, from a loader that names no constraint
                        throw new InvalidInputException("seed: cannot generate rows for " + plan.table() + ": " + e.getMessage(), e);
                    }
                    throw new RehearsalFailedException("seed: loading " + plan.table() + " failed: " + e.getMessage(), e);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                out.add(new TableSeed(plan.table().qualifiedName(), plan.rows(), seconds));
                progress.accept(String.format("seed: %s: %,d rows in %.2f s", plan.table(), plan.rows(), seconds));
            }
            return new SeedResult(out);
        } catch (SQLException | IOException e) {
            throw new RehearsalFailedException("seed: " + e.getMessage(), e);
        }
    }

    /** One line naming the table, the constraint and its definition. */
    static String violation(TableModel t, ConstraintViolation v) {
        String name = v.constraint();
        String what = null;
        if (name == null) {
            what = "not-null constraint" + (v.column() == null ? "" : " on column " + v.column());
        } else {
            for (TableModel.Check k : t.checks()) {
                if (k.name().equals(name)) what = "check constraint " + name + ": " + display(k.definition());
            }
            for (ColumnModel c : t.columns()) {
                for (TableModel.Check k : c.domainChecks()) {
                    if (k.name().equals(name)) {
                        what = "check constraint " + name + " of the domain of column " + c.name() + ": " + display(k.definition());
                    }
                }
            }
            for (TableModel.UniqueKey k : t.uniqueKeys()) {
                if (k.name().equals(name)) {
                    what = (k.primary() ? "primary key " : "unique constraint ") + name + ": "
                            + (k.primary() ? "PRIMARY KEY (" : "UNIQUE (") + String.join(", ", k.columns()) + ")";
                }
            }
            for (TableModel.ForeignKey k : t.foreignKeys()) {
                if (k.name().equals(name)) what = "foreign key constraint " + name + ": " + k.definition();
            }
            if (what == null) what = "constraint " + name + " (" + v.getMessage() + ")";
        }
        return "seed: cannot generate rows for " + t + " satisfying " + what;
    }

    /** A constraint definition without the engine's redundant outer parentheses: {@code CHECK (x > 0)}. */
    static String display(String definition) {
        String d = definition.strip();
        String suffix = "";
        if (d.endsWith(" NOT VALID")) {
            suffix = " NOT VALID";
            d = d.substring(0, d.length() - suffix.length());
        }
        if (d.startsWith("CHECK ((") && d.endsWith("))") && closing(d, 7) == d.length() - 2) {
            d = "CHECK " + d.substring(7, d.length() - 1);
        }
        return d + suffix;
    }

    private static int closing(String s, int open) {
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\'') quoted = !quoted;
            else if (!quoted && ch == '(') depth++;
            else if (!quoted && ch == ')' && --depth == 0) return i;
        }
        return -1;
    }

    /** Plain SQL any engine answers; identifiers quoted the way the driver says. */
    private static final class JdbcExisting implements SeedPlanner.Existing {
        private final Connection c;
        private final String quote;

        JdbcExisting(Connection c) throws SQLException {
            this.c = c;
            DatabaseMetaData md = c.getMetaData();
            this.quote = md.getIdentifierQuoteString().strip();
        }

        private String q(String identifier) {
            return quote + identifier.replace(quote, quote + quote) + quote;
        }

        private String from(TableModel t) {
            return q(t.schema()) + "." + q(t.name());
        }

        @Override
        public boolean hasRows(TableModel t) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1 FROM " + from(t) + " LIMIT 1")) {
                return rs.next();
            } catch (SQLException e) {
                throw new RehearsalFailedException("seed: cannot read " + t + ": " + e.getMessage(), e);
            }
        }

        @Override
        public List<String[]> keys(TableModel t, List<String> columns, int limit) {
            String cols = columns.stream().map(this::q).collect(Collectors.joining(", "));
            String sql = "SELECT " + cols + " FROM " + from(t) + " WHERE "
                    + columns.stream().map(col -> q(col) + " IS NOT NULL").collect(Collectors.joining(" AND "))
                    + " ORDER BY " + cols + " LIMIT " + limit;
            List<String[]> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    String[] key = new String[columns.size()];
                    for (int i = 0; i < key.length; i++) key[i] = rs.getString(i + 1);
                    out.add(key);
                }
                return out;
            } catch (SQLException e) {
                throw new RehearsalFailedException("seed: cannot read keys of " + t + ": " + e.getMessage(), e);
            }
        }
    }
}
