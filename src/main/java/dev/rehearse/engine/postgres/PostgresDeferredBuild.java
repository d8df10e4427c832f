package dev.rehearse.engine.postgres;

import dev.rehearse.RehearsalFailedException;
import dev.rehearse.provision.Database;
import dev.rehearse.seed.DeferredBuild;
import dev.rehearse.seed.TableModel;
import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Before the load: records the exact definitions (pg_get_indexdef, pg_get_constraintdef with NOT VALID,
 * names, deferrability) of the seeded tables' indexes, primary/unique keys and every foreign key that
 * touches them, and drops them. After: builds each table's indexes concurrently (CREATE INDEX takes a
 * SHARE lock, so several run at once on one table), attaches keys to their index (ADD ... USING INDEX,
 * instant), adds the foreign keys back, and checks that the catalog reads exactly as before.
 *
 * <p>Left in place (maintained during the load instead): indexes of partitioned tables, invalid ones,
 * the replica-identity or clustered index, indexes with a comment, exclusion constraints.
 */
final class PostgresDeferredBuild implements DeferredBuild {

    /** An index to rebuild; {@code constraint} non-null when a primary key or unique constraint owns it. */
    private record Index(long table, String name, String create, String constraint, String addUsing) {}

    private record ForeignKey(String table, String name, String add) {}

    private final Map<Long, List<Index>> indexes;
    private final List<ForeignKey> foreignKeys;
    private final List<String> before;
    private final long[] oids;
    private final Map<String, Long> oidOf;

    private PostgresDeferredBuild(Map<Long, List<Index>> indexes, List<ForeignKey> foreignKeys, List<String> before,
                                  long[] oids, Map<String, Long> oidOf) {
        this.indexes = indexes;
        this.foreignKeys = foreignKeys;
        this.before = before;
        this.oids = oids;
        this.oidOf = oidOf;
    }

    static PostgresDeferredBuild drop(Connection c, List<TableModel> tables) throws SQLException {
        Map<String, Long> oidOf = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT c.oid FROM pg_class c WHERE c.oid = ?::regclass AND c.relkind = 'r'")) {
            for (TableModel t : tables) {
                ps.setString(1, PostgresBulkLoader.quote(t.schema()) + "." + PostgresBulkLoader.quote(t.name()));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) oidOf.put(t.qualifiedName(), rs.getLong(1));
                }
            }
        }
        long[] oids = oidOf.values().stream().mapToLong(Long::longValue).toArray();
        List<String> before = catalog(c, oids);
        int version;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int")) {
            rs.next();
            version = rs.getInt(1);
        }

        // Foreign keys on either side of a seeded table (only the partitioned parent's row, 11+).
        List<ForeignKey> fks = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT format('%I.%I', n.nspname, r.relname), k.conname,"
                + " pg_get_constraintdef(k.oid) FROM pg_constraint k JOIN pg_class r ON r.oid = k.conrelid"
                + " JOIN pg_namespace n ON n.oid = r.relnamespace WHERE k.contype = 'f'"
                + " AND (k.conrelid = ANY(?::oid[]) OR k.confrelid = ANY(?::oid[]))" + (version >= 110000 ? " AND k.conparentid = 0" : "")
                + " AND NOT EXISTS (SELECT 1 FROM pg_description d WHERE d.objoid = k.oid)"
                + " ORDER BY 1, 2")) {
            ps.setArray(1, c.createArrayOf("int8", box(oids)));
            ps.setArray(2, c.createArrayOf("int8", box(oids)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fks.add(new ForeignKey(rs.getString(1), rs.getString(2), "ALTER TABLE " + rs.getString(1)
                            + " ADD CONSTRAINT " + PostgresBulkLoader.quote(rs.getString(2)) + " " + rs.getString(3)));
                }
            }
        }
        Map<Long, List<Index>> indexes = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT i.indrelid, format('%I.%I', n.nspname, ic.relname),"
                + " pg_get_indexdef(i.indexrelid), k.conname, k.contype, k.condeferrable, k.condeferred,"
                + " format('%I.%I', tn.nspname, t.relname)"
                + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace"
                + " JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace"
                + " LEFT JOIN pg_constraint k ON k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x')"
                + " WHERE i.indrelid = ANY(?::oid[]) AND i.indisvalid AND NOT i.indisreplident AND NOT i.indisclustered"
                + " AND (k.contype IS NULL OR k.contype IN ('p', 'u'))"
                + " AND NOT EXISTS (SELECT 1 FROM pg_description d WHERE d.objoid IN (i.indexrelid, coalesce(k.oid, 0)))"
                + " ORDER BY i.indrelid, ic.relname")) {
            ps.setArray(1, c.createArrayOf("int8", box(oids)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String constraint = rs.getString(4);
                    String add = null;
                    if (constraint != null) {
                        add = "ALTER TABLE " + rs.getString(8) + " ADD CONSTRAINT " + PostgresBulkLoader.quote(constraint)
                                + (rs.getString(5).equals("p") ? " PRIMARY KEY" : " UNIQUE") + " USING INDEX "
                                + PostgresBulkLoader.quote(constraint)
                                + (rs.getBoolean(6) ? " DEFERRABLE" + (rs.getBoolean(7) ? " INITIALLY DEFERRED" : "") : "");
                    }
                    indexes.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Index(rs.getLong(1), rs.getString(2), rs.getString(3), constraint, add));
                }
            }
        }
        PostgresDeferredBuild d = new PostgresDeferredBuild(indexes, fks, before, oids, oidOf);
        // Drop: foreign keys first (they depend on the referenced key's index), then keys, then indexes.
        try (Statement s = c.createStatement()) {
            for (ForeignKey fk : fks) s.execute("ALTER TABLE " + fk.table() + " DROP CONSTRAINT " + PostgresBulkLoader.quote(fk.name()));
            for (List<Index> list : indexes.values()) {
                for (Index i : list) {
                    if (i.constraint() != null) {
                        s.execute("ALTER TABLE " + tableOf(i.create()) + " DROP CONSTRAINT " + PostgresBulkLoader.quote(i.constraint()));
                    } else {
                        s.execute("DROP INDEX " + i.name());
                    }
                }
            }
        }
        return d;
    }

    /** The table of a {@code CREATE [UNIQUE] INDEX name ON [ONLY] schema.table USING ...} definition. */
    private static String tableOf(String create) {
        int on = create.indexOf(" ON ");
        String rest = create.substring(on + 4);
        if (rest.startsWith("ONLY ")) rest = rest.substring(5);
        return rest.substring(0, rest.indexOf(" USING "));
    }

    @Override
    public void rebuild(Database db, TableModel table) throws SQLException {
        Long oid = oidOf.get(table.qualifiedName());
        List<Index> list = oid == null ? List.of() : indexes.getOrDefault(oid, List.of());
        if (list.isEmpty()) return;
        int threads = Math.min(list.size(), Math.max(1, Runtime.getRuntime().availableProcessors()));
        int memoryMb = Math.max(256, 1024 / threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "rehearse-index");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> builds = new ArrayList<>();
            for (Index i : list) {
                builds.add(pool.submit(() -> {
                    try (Connection c = db.connect("rehearse-seed-index"); Statement s = c.createStatement()) {
                        // More sort memory than the 64 MB default, in this session only (the migrations run under the
                        // server's own setting): 1 GB shared by the table's concurrent builds, 256 MB each at least,
                        // sorts a 10M-row key in memory instead of merging runs (measured: the index phase at 5M rows
                        // 1.10x pgbench's primary-key build with 1 GB, 1.24x with 256 MB).
                        s.execute("SET maintenance_work_mem = '" + memoryMb + "MB'");
                        s.execute(i.create());
                    }
                    return null;
                }));
            }
            for (Future<?> f : builds) join(f);
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = db.connect("rehearse-seed-index"); Statement s = c.createStatement()) {
            for (Index i : list) if (i.addUsing() != null) s.execute(i.addUsing());
        }
    }

    @Override
    public String describe() {
        long n = indexes.values().stream().mapToLong(List::size).sum();
        return n + " indexes and keys and " + foreignKeys.size() + " foreign keys dropped for the load, rebuilt after it";
    }

    @Override
    public void rebuildForeignKeys(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (ForeignKey fk : foreignKeys) {
                try {
                    s.execute(fk.add());
                } catch (PSQLException e) {
                    throw PostgresBulkLoader.translate(e);
                }
            }
        }
    }

    @Override
    public void verify(Connection c) throws SQLException {
        List<String> after = catalog(c, oids);
        if (!after.equals(before)) {
            List<String> missing = new ArrayList<>(before);
            missing.removeAll(after);
            List<String> extra = new ArrayList<>(after);
            extra.removeAll(before);
            throw new RehearsalFailedException("seed: indexes and constraints rebuilt after the load differ from the schema;"
                    + " missing " + missing + ", unexpected " + extra);
        }
    }

    @Override
    public void restore(Connection c) {
        List<String> statements = new ArrayList<>();
        for (List<Index> list : indexes.values()) {
            for (Index i : list) {
                statements.add(i.create());
                if (i.addUsing() != null) statements.add(i.addUsing());
            }
        }
        for (ForeignKey fk : foreignKeys) statements.add(fk.add());
        for (String sql : statements) {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                // Already there, or the loaded rows violate it: the run is failing anyway.
            }
        }
    }

    /**
     * What must read the same before and after: every index of the tables and every constraint on them
     * or pointing at them, by name, with its definition and validation state.
     */
    static List<String> catalog(Connection c, long[] oids) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT 'index ' || pg_get_indexdef(i.indexrelid)"
                + " || CASE WHEN i.indisvalid THEN '' ELSE ' (invalid)' END FROM pg_index i WHERE i.indrelid = ANY(?::oid[])"
                + " UNION ALL SELECT 'constraint ' || k.conrelid::regclass::text || '.' || k.conname || ': '"
                + " || pg_get_constraintdef(k.oid) || CASE WHEN k.convalidated THEN '' ELSE ' (not validated)' END"
                + " || CASE WHEN k.condeferrable THEN ' deferrable' ELSE '' END"
                + " || CASE WHEN k.condeferred THEN ' deferred' ELSE '' END"
                + " FROM pg_constraint k WHERE k.conrelid = ANY(?::oid[]) OR k.confrelid = ANY(?::oid[])"
                + " UNION ALL SELECT 'not null ' || a.attrelid::regclass::text || '.' || a.attname FROM pg_attribute a"
                + " WHERE a.attrelid = ANY(?::oid[]) AND a.attnotnull AND a.attnum > 0 AND NOT a.attisdropped ORDER BY 1")) {
            for (int k = 1; k <= 4; k++) ps.setArray(k, c.createArrayOf("int8", box(oids)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static Long[] box(long[] oids) {
        Long[] out = new Long[oids.length];
        for (int i = 0; i < oids.length; i++) out[i] = oids[i];
        return out;
    }

    private static void join(Future<?> f) throws SQLException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while building indexes", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof PSQLException p) throw PostgresBulkLoader.translate(p);
            if (e.getCause() instanceof SQLException s) throw s;
            throw new IllegalStateException(e.getCause());
        }
    }
}
