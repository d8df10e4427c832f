package dev.rehearse.seed;

import dev.rehearse.InvalidInputException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;
import java.util.stream.Collectors;

import dev.rehearse.seed.TableModel.Check;
import dev.rehearse.seed.TableModel.ForeignKey;
import dev.rehearse.seed.TableModel.UniqueKey;

/**
 * Decides what to load: which tables (the requested ones plus parents their NOT NULL foreign keys
 * need), in which order (parents first), and which generator fills each column so that keys are
 * unique, foreign keys point at real parent keys and the understood CHECKs hold. Reads nothing
 * itself but what {@link Existing} answers, so it is testable without a database.
 */
public final class SeedPlanner {

    /** Rows given to a parent that was not requested but that a NOT NULL foreign key needs. */
    public static final long ADDED_PARENT_ROWS = 1_000;
    /** Keys read from a populated, unrequested parent for children to draw from. */
    static final int EXISTING_KEYS_LIMIT = 100_000;

    /** What the database already holds. */
    public interface Existing {
        boolean hasRows(TableModel table);

        /** Up to {@code limit} key tuples of {@code columns} with no NULL, in a stable order. */
        List<String[]> keys(TableModel table, List<String> columns, int limit);
    }

    /** One table's load: the columns to load, in order, and the generator of each. */
    public record TablePlan(TableModel table, long rows, boolean added, List<ColumnModel> columns,
                            List<ColumnGenerator> generators) {

        public TablePlan {
            columns = List.copyOf(columns);
            generators = List.copyOf(generators);
        }

        /** The loaded column's generator, or null when the column is not loaded. */
        public ColumnGenerator generator(String column) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(column)) return generators.get(i);
            }
            return null;
        }

        public RowSource rowSource() {
            return range(1, rows);
        }

        /** Rows {@code from..to}; generators are functions of the row number, so any range stands alone. */
        private RowSource range(long from, long to) {
            ColumnGenerator[] gens = generators.toArray(ColumnGenerator[]::new);
            ByteGenerator[] bytes = new ByteGenerator[gens.length];
            for (int i = 0; i < gens.length; i++) if (gens[i] instanceof ByteGenerator b) bytes[i] = b;
            return new RowSource() {
                private long row = from - 1;

                @Override
                public boolean next(String[] values) {
                    if (row >= to) return false;
                    row++;
                    for (int i = 0; i < values.length; i++) values[i] = gens[i].value(row);
                    return true;
                }

                @Override
                public boolean next(String[] values, Values out) {
                    if (row >= to) return false;
                    row++;
                    for (int i = 0; i < gens.length; i++) {
                        if (bytes[i] != null) out.bytes(bytes[i], row);
                        else out.text(gens[i].value(row));
                    }
                    return true;
                }

                @Override
                public long rows() {
                    return to - from + 1;
                }

                @Override
                public RowSource slice(long a, long b) {
                    return range(from + a - 1, from + b - 1);
                }
            };
        }
    }

    /** Where a foreign key's values come from. */
    private sealed interface Source permits Seeded, Present, Null, Self {}

    private record Seeded(TableModel parent) implements Source {}

    private record Present(List<String[]> keys) implements Source {}

    private record Null() implements Source {}

    private record Self() implements Source {}

    /** Key tuples of a parent by 0-based index. */
    private interface KeySpace {
        long size();

        String value(long index, int column);

        /** The generator whose value of row index+1 is {@link #value}, when the keys are generated; else null. */
        default ColumnGenerator generator(int column) {
            return null;
        }
    }

    private final Map<String, TableModel> tables = new LinkedHashMap<>();
    private final long seed;
    private final Consumer<String> progress;
    private final Existing existing;
    /** The profile's columns per table, once the tables are resolved against the schema. */
    private final Map<TableModel, Map<String, Profile.ColumnSpec>> specs = new HashMap<>();

    private final SeedEngine engine;

    /** @param engine the engine's naming and CHECK reading (its reader and loader are not used here) */
    public SeedPlanner(List<TableModel> schema, long seed, Consumer<String> progress, Existing existing, Profile profile,
                       SeedEngine engine) {
        this.engine = engine;
        for (TableModel t : schema) tables.put(t.qualifiedName(), t);
        this.seed = seed;
        this.progress = progress;
        this.existing = existing;
        for (Profile.TableSpec spec : profile.tables().values()) {
            TableModel t = lookup(spec.name());
            if (t == null) {
                throw InvalidInputException.at(profile.file(), spec.line(), "table " + spec.name() + " is not in the schema; "
                        + (tables.isEmpty() ? "the database has no tables" : "tables: " + String.join(", ", tables.keySet())));
            }
            for (Profile.ColumnSpec c : spec.columns().values()) {
                if (t.column(c.column()).isEmpty()) {
                    throw c.error("no such column in " + t + "; columns: "
                            + t.columns().stream().map(ColumnModel::name).collect(Collectors.joining(", ")));
                }
            }
            specs.put(t, spec.columns());
        }
    }

    private TableModel lookup(String name) {
        String qualified = engine.qualified(name);
        TableModel t = tables.get(qualified);
        if (t != null) return t;
        return tables.values().stream().filter(m -> m.qualifiedName().equalsIgnoreCase(qualified)).findFirst().orElse(null);
    }

    /** The table a user's name means: {@code name} (in the default schema) or {@code schema.name}. */
    public TableModel resolve(String name) {
        TableModel t = lookup(name);
        if (t == null) {
            throw new InvalidInputException("seed: unknown table '" + name + "'; " + (tables.isEmpty()
                    ? "the database has no tables (was the baseline schema applied?)"
                    : "tables in the database: " + String.join(", ", tables.keySet())));
        }
        return t;
    }

    /** @param requested rows per table, by the names the user wrote, in the user's order */
    public List<TablePlan> plan(Map<String, Long> requested) {
        Map<TableModel, Long> rows = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : requested.entrySet()) {
            if (e.getValue() < 0) throw new InvalidInputException("seed: rows for " + e.getKey() + " must be >= 0");
            rows.put(resolve(e.getKey()), e.getValue());
        }
        Set<TableModel> added = addNeededParents(rows);
        for (TableModel t : rows.keySet()) {
            if (existing.hasRows(t)) {
                throw new InvalidInputException("seed: " + t + " already has rows; the seed fills empty tables only"
                        + (added.contains(t) ? "" : " (leave it out of the data tables, or drop the rows the baseline inserts)"));
            }
        }
        Map<ForeignKey, Source> sources = new IdentityHashMap<>(); // equal keys of different tables stay apart
        for (TableModel t : rows.keySet()) {
            for (ForeignKey fk : t.foreignKeys()) sources.put(fk, source(t, fk, rows));
        }
        List<TableModel> order = order(rows.keySet(), sources);
        Map<TableModel, TablePlan> plans = new LinkedHashMap<>();
        for (TableModel t : order) plans.put(t, planTable(t, rows.get(t), added.contains(t), sources, plans));
        return List.copyOf(plans.values());
    }

    // ---- which tables ----

    private final Map<String, List<String[]>> keyCache = new HashMap<>();

    private List<String[]> presentKeys(TableModel parent, List<String> columns) {
        return keyCache.computeIfAbsent(parent.qualifiedName() + columns,
                k -> existing.keys(parent, columns, EXISTING_KEYS_LIMIT));
    }

    private Set<TableModel> addNeededParents(Map<TableModel, Long> rows) {
        Set<TableModel> added = new LinkedHashSet<>();
        Deque<TableModel> work = new ArrayDeque<>(rows.keySet());
        while (!work.isEmpty()) {
            TableModel t = work.poll();
            for (ForeignKey fk : t.foreignKeys()) {
                TableModel parent = parentOf(t, fk);
                if (parent == t || rows.containsKey(parent) || nullable(t, fk)
                        || !presentKeys(parent, fk.refColumns()).isEmpty()) continue;
                rows.put(parent, ADDED_PARENT_ROWS);
                added.add(parent);
                work.add(parent);
                progress.accept("seed: also seeding " + parent + " with " + ADDED_PARENT_ROWS + " rows: " + t + "."
                        + String.join(", ", fk.columns()) + " needs it (NOT NULL foreign key " + fk.name() + ")");
            }
        }
        return added;
    }

    private Source source(TableModel t, ForeignKey fk, Map<TableModel, Long> rows) {
        TableModel parent = parentOf(t, fk);
        if (parent == t) return nullable(t, fk) ? new Null() : new Self();
        if (rows.containsKey(parent)) return new Seeded(parent);
        List<String[]> keys = presentKeys(parent, fk.refColumns());
        if (!keys.isEmpty()) {
            progress.accept("seed: " + t + "." + String.join(", ", fk.columns()) + " draws from " + keys.size()
                    + " existing keys of " + parent);
            return new Present(keys);
        }
        progress.accept("seed: " + t + "." + String.join(", ", fk.columns()) + " left NULL: " + parent
                + " is empty and not in the data tables");
        return new Null();
    }

    private TableModel parentOf(TableModel t, ForeignKey fk) {
        TableModel parent = tables.get(fk.refQualifiedName());
        if (parent == null) {
            throw new InvalidInputException("seed: " + t + " has foreign key " + fk.name() + " to " + fk.refQualifiedName()
                    + ", which the schema reader did not find");
        }
        return parent;
    }

    /** A foreign key that NULL satisfies: all its columns nullable. */
    private static boolean nullable(TableModel t, ForeignKey fk) {
        return fk.columns().stream().allMatch(c -> t.column(c).map(m -> !m.notNull()).orElse(false));
    }

    /** Parents before children; a cycle is broken at a nullable foreign key, which is then left NULL. */
    private List<TableModel> order(Set<TableModel> all, Map<ForeignKey, Source> sources) {
        List<TableModel> order = new ArrayList<>();
        Set<TableModel> left = new LinkedHashSet<>(all);
        while (!left.isEmpty()) {
            TableModel ready = left.stream().filter(t -> parents(t, sources).stream().noneMatch(left::contains))
                    .findFirst().orElse(null);
            if (ready != null) {
                order.add(ready);
                left.remove(ready);
                continue;
            }
            boolean broken = false;
            for (TableModel t : left) {
                for (ForeignKey fk : t.foreignKeys()) {
                    if (sources.get(fk) instanceof Seeded s && left.contains(s.parent()) && nullable(t, fk)) {
                        sources.put(fk, new Null());
                        progress.accept("seed: foreign keys form a cycle; " + t + "." + String.join(", ", fk.columns())
                                + " left NULL to break it");
                        broken = true;
                        break;
                    }
                }
                if (broken) break;
            }
            if (!broken) {
                throw new InvalidInputException("seed: foreign keys form a cycle in which every key is NOT NULL ("
                        + cycle(left, sources) + "), so no table can be loaded first; make one of them nullable");
            }
        }
        return order;
    }

    /** One cycle among tables that all wait for a parent, as {@code a (fk) → b (fk) → a}. */
    private static String cycle(Set<TableModel> left, Map<ForeignKey, Source> sources) {
        List<TableModel> path = new ArrayList<>();
        List<String> via = new ArrayList<>();
        TableModel t = left.iterator().next();
        while (!path.contains(t)) {
            path.add(t);
            for (ForeignKey fk : t.foreignKeys()) {
                if (sources.get(fk) instanceof Seeded s && left.contains(s.parent())) {
                    via.add(fk.name());
                    t = s.parent();
                    break;
                }
            }
        }
        StringBuilder b = new StringBuilder();
        for (int i = path.indexOf(t); i < path.size(); i++) b.append(path.get(i)).append(" (").append(via.get(i)).append(") → ");
        return b.append(t).toString();
    }

    private static Set<TableModel> parents(TableModel t, Map<ForeignKey, Source> sources) {
        Set<TableModel> out = new HashSet<>();
        for (ForeignKey fk : t.foreignKeys()) if (sources.get(fk) instanceof Seeded s) out.add(s.parent());
        return out;
    }

    // ---- which generators ----

    private TablePlan planTable(TableModel t, long rows, boolean added, Map<ForeignKey, Source> sources,
                                Map<TableModel, TablePlan> plans) {
        // What the CHECKs demand of each column, and which constraints said so (for messages).
        Map<String, ColumnRule> rules = new HashMap<>();
        Map<String, List<Check>> checksOf = new HashMap<>();
        for (Check check : t.checks()) collect(t, check, null, rules, checksOf);
        for (ColumnModel c : t.columns()) for (Check check : c.domainChecks()) collect(t, check, c.name(), rules, checksOf);

        // Foreign-key columns: the first key that claims a column supplies it.
        Map<String, ForeignKey> fkOf = new HashMap<>();
        for (ForeignKey fk : t.foreignKeys()) for (String c : fk.columns()) fkOf.putIfAbsent(c, fk);

        Map<String, Profile.ColumnSpec> spec = specs.getOrDefault(t, Map.of());
        List<ColumnModel> columns = new ArrayList<>();
        for (ColumnModel c : t.columns()) {
            if (c.generated()) {
                if (spec.containsKey(c.name())) throw spec.get(c.name()).error("a generated column; the server computes it");
                continue;
            }
            Profile.ColumnSpec own = spec.get(c.name());
            if (own != null && own.generator().equals("default")) {
                if (c.notNull() && !c.hasDefault()) throw own.error("generator default, but the column is NOT NULL without a default");
                continue; // the server's default fills it
            }
            boolean fromKey = fkOf.containsKey(c.name());
            if (c.type().kind() == ColumnType.Kind.UNSUPPORTED && !fromKey) {
                boolean notNull = c.notNull() || rules.getOrDefault(c.name(), ColumnRule.NONE).notNull();
                if (notNull && !c.hasDefault()) {
                    throw new InvalidInputException("seed: " + t + "." + c.name() + " has type " + c.type()
                            + ", which the seed cannot generate; give the column a default or make it nullable");
                }
                continue; // left to its default, or NULL
            }
            columns.add(c);
        }
        Set<String> loaded = columns.stream().map(ColumnModel::name).collect(Collectors.toSet());
        Set<String> nullColumns = new HashSet<>();
        for (String c : fkOf.keySet()) if (sources.get(fkOf.get(c)) instanceof Null) nullColumns.add(c);

        // Uniqueness: identity columns count 1..N; each other key gets one row-unique column, or, when
        // made only of foreign keys, an enumeration of parent key combinations.
        Set<String> rowUnique = new HashSet<>();
        for (ColumnModel c : columns) if (c.identity() && !fkOf.containsKey(c.name())) rowUnique.add(c.name());
        Map<ForeignKey, LongUnaryOperator> enumerated = new IdentityHashMap<>();
        List<UniqueKey> keys = new ArrayList<>(t.uniqueKeys());
        keys.sort(Comparator.comparing(k -> !k.primary()));
        for (UniqueKey key : keys) {
            if (key.columns().stream().anyMatch(c -> rowUnique.contains(c) || nullColumns.contains(c) || !loaded.contains(c))) {
                continue; // already unique, or NULL / left to the server
            }
            String pick = key.columns().stream().filter(c -> !fkOf.containsKey(c))
                    .min(Comparator.comparingInt(c -> uniqueRank(t.column(c).orElseThrow()))).orElse(null);
            if (pick != null) {
                rowUnique.add(pick);
            } else {
                enumerate(t, key, rows, fkOf, sources, plans, enumerated);
            }
        }

        // Generators; a self-reference reads the table's own generators, hence the late-bound array.
        ColumnGenerator[] gens = new ColumnGenerator[columns.size()];
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) index.put(columns.get(i).name(), i);
        for (int i = 0; i < columns.size(); i++) {
            ColumnModel c = columns.get(i);
            ForeignKey fk = fkOf.get(c.name());
            Profile.ColumnSpec own = spec.get(c.name());
            long salt = Rng.salt(t.qualifiedName() + "." + c.name());
            if (nullColumns.contains(c.name())) {
                gens[i] = row -> null;
            } else if (fk != null) {
                double skew = 0;
                double[] head = null;
                if (own != null) {
                    if (!own.generator().equals("foreign_key")) {
                        throw own.error("a foreign key (" + fk.name() + " to " + fk.refQualifiedName()
                                + "); only generator foreign_key (skew, null_fraction) can fill it");
                    }
                    skew = own.exponent() == null ? 0 : own.exponent();
                    if (own.weights() != null && !own.weights().isEmpty()) {
                        // Busiest parents by rank; frequencies count all rows, draws here are the non-null ones.
                        head = new double[own.weights().size()];
                        double sum = 0, nonNull = Math.max(1e-9, 1 - own.nullFraction());
                        for (int k = 0; k < head.length; k++) head[k] = (sum += own.weights().get(k)) / nonNull;
                    }
                    if (own.nullFraction() > 0 && c.notNull()) throw own.error("null_fraction on a NOT NULL column");
                }
                if (enumerated.containsKey(fk) && (skew > 0 || head != null)) {
                    progress.accept("seed: " + t + "." + c.name() + ": the profile's skew is not applied; the column is part of"
                            + " a unique key made only of foreign keys, whose combinations are enumerated to stay unique");
                }
                gens[i] = foreignKeyColumn(t, rows, fk, fk.columns().indexOf(c.name()), sources.get(fk), plans,
                        enumerated.get(fk), gens, index, skew, head);
                if (own != null) gens[i] = ProfileGenerators.withNulls(gens[i], own.nullFraction(), seed, salt);
            } else if (own != null) {
                if (own.generator().equals("foreign_key")) {
                    throw own.error("generator foreign_key needs references: TABLE[.COLUMN] (the schema declares no foreign key here)");
                }
                gens[i] = ProfileGenerators.forSpec(own, c, rules.getOrDefault(c.name(), ColumnRule.NONE),
                        rowUnique.contains(c.name()) || own.unique(), rows, seed, salt, engine.literals());
            } else if (realistic(c, rules.getOrDefault(c.name(), ColumnRule.NONE), rowUnique.contains(c.name()), rows, salt) != null) {
                gens[i] = realistic(c, rules.getOrDefault(c.name(), ColumnRule.NONE), rowUnique.contains(c.name()), rows, salt);
            } else {
                try {
                    gens[i] = Generators.forColumn(c.type(), rules.getOrDefault(c.name(), ColumnRule.NONE),
                            rowUnique.contains(c.name()), rows, seed, Rng.salt(t.qualifiedName() + "." + c.name()),
                            engine.literals());
                } catch (Generators.Impossible e) {
                    throw impossible(t, c, e.getMessage(), checksOf.get(c.name()), rowUnique.contains(c.name()));
                }
            }
        }
        return new TablePlan(t, rows, added, columns, List.of(gens));
    }

    /** Names, emails, cities... where the column's name suggests them and no CHECK narrows the column. */
    private ColumnGenerator realistic(ColumnModel c, ColumnRule rule, boolean unique, long rows, long salt) {
        ColumnType.Kind k = c.type().kind();
        if (k != ColumnType.Kind.TEXT && k != ColumnType.Kind.VARCHAR) return null;
        if (rule.allowed() != null || !rule.excluded().isEmpty() || rule.minLength() > 0 || !rule.lower().isEmpty()
                || !rule.upper().isEmpty()) return null;
        String kind = Realistic.kindFor(c.name());
        if (kind == null) return null;
        int cap = c.type().length() > 0 ? c.type().length() : Integer.MAX_VALUE;
        if (rule.maxLength() >= 0) cap = Math.min(cap, rule.maxLength());
        return Realistic.generator(kind, cap, unique, rows, seed, salt);
    }

    private void collect(TableModel t, Check check, String valueColumn, Map<String, ColumnRule> rules,
                         Map<String, List<Check>> checksOf) {
        CheckInterpreter.Reading r = engine.checks().read(check.definition(), valueColumn);
        r.rules().forEach((column, rule) -> {
            rules.merge(column, rule, ColumnRule::and);
            checksOf.computeIfAbsent(column, k -> new ArrayList<>()).add(check);
        });
        if (!r.complete()) {
            progress.accept("seed: " + t + ": check constraint " + check.name() + " is only partly understood ("
                    + Seeder.display(check.definition()) + "); the server will judge the rest");
        }
    }

    /** Which column of a composite key to make row-unique: the one whose unique values look most natural. */
    private static int uniqueRank(ColumnModel c) {
        if (c.identity()) return 0;
        return switch (c.type().kind()) {
            case SMALLINT, INTEGER, BIGINT -> 1;
            case UUID -> 2;
            case TEXT, VARCHAR, CHAR -> 3;
            case NUMERIC, REAL, DOUBLE -> 4;
            case DATE, TIMESTAMP, TIMESTAMPTZ, INET, INTERVAL, JSON, JSONB, BYTEA, TIME, ARRAY -> 5;
            default -> 6;
        };
    }

    /** A key made only of foreign keys: row r takes the r-th combination of parent keys (mixed radix). */
    private void enumerate(TableModel t, UniqueKey key, long rows, Map<String, ForeignKey> fkOf,
                           Map<ForeignKey, Source> sources, Map<TableModel, TablePlan> plans,
                           Map<ForeignKey, LongUnaryOperator> enumerated) {
        List<ForeignKey> fks = key.columns().stream().map(fkOf::get).distinct().toList();
        if (fks.stream().anyMatch(enumerated::containsKey)) {
            throw new InvalidInputException("seed: cannot generate rows for " + t + ": unique key " + key.name()
                    + " shares foreign keys with another key made only of foreign keys; the seed cannot enumerate both");
        }
        long product = 1;
        List<String> sizes = new ArrayList<>();
        for (ForeignKey fk : fks) {
            if (sources.get(fk) instanceof Self) {
                throw new InvalidInputException("seed: cannot generate rows for " + t + ": unique key " + key.name()
                        + " is made of a self-referencing foreign key (" + fk.name() + ")");
            }
            long size = keySpace(sources.get(fk), fk, plans).size();
            long divisor = product;
            enumerated.put(fk, row -> ((row - 1) / divisor) % size);
            product = size == 0 ? 0 : product > Long.MAX_VALUE / size ? Long.MAX_VALUE : product * size;
            sizes.add(Long.toString(size));
        }
        if (product < rows) {
            throw new InvalidInputException("seed: cannot generate rows for " + t + ": unique key " + key.name() + " ("
                    + String.join(", ", key.columns()) + ") is made only of foreign keys, whose parents allow "
                    + String.join(" × ", sizes) + " = " + product + " combinations, fewer than " + rows + " rows");
        }
    }

    private ColumnGenerator foreignKeyColumn(TableModel t, long rows, ForeignKey fk, int j, Source source,
                                             Map<TableModel, TablePlan> plans, LongUnaryOperator enumeration,
                                             ColumnGenerator[] own, Map<String, Integer> ownIndex, double skew,
                                             double[] head) {
        long salt = Rng.salt(t.qualifiedName() + "/" + fk.name());
        if (source instanceof Self) {
            // Each row points at an earlier row (the first at itself), so every reference exists.
            Integer ref = ownIndex.get(fk.refColumns().get(j));
            if (ref == null) throw unsupportedKey(t, fk);
            return row -> own[ref].value(row == 1 ? 1 : 1 + Rng.below(Rng.hash(seed, salt, row), row - 1));
        }
        KeySpace keys = keySpace(source, fk, plans);
        if (keys.size() == 0) {
            throw new InvalidInputException("seed: cannot generate rows for " + t + ": foreign key " + fk.name()
                    + " needs rows in " + fk.refQualifiedName() + ", which is seeded with 0 rows");
        }
        long size = keys.size();
        // Skewed: a few parents get most children (zipf over parent ranks, ranks scattered over the keys).
        long scatter = ProfileGenerators.coprime(size, salt);
        int top = head == null ? 0 : (int) Math.min(head.length, size - 1);
        LongUnaryOperator rank = skew > 0 ? row -> top + ProfileGenerators.zipf(Rng.hash(seed, salt, row), size - top, skew)
                : row -> top + Rng.below(Rng.hash(seed, salt, row), size - top);
        LongUnaryOperator ranked = top == 0 ? rank : row -> {
            double u = ProfileGenerators.unit(Rng.next(Rng.hash(seed, salt, row), 1));
            for (int k = 0; k < top; k++) if (u < head[k]) return k;
            return rank.applyAsLong(row);
        };
        LongUnaryOperator pick = enumeration != null ? enumeration
                : skew > 0 || top > 0 ? row -> ProfileGenerators.mulMod(ranked.applyAsLong(row), scatter, size)
                : row -> Rng.below(Rng.hash(seed, salt, row), size);
        ColumnGenerator parentColumn = keys.generator(j);
        if (parentColumn != null) return ByteGenerator.remap(parentColumn, row -> pick.applyAsLong(row) + 1);
        return row -> keys.value(pick.applyAsLong(row), j);
    }

    private KeySpace keySpace(Source source, ForeignKey fk, Map<TableModel, TablePlan> plans) {
        if (source instanceof Present p) {
            return new KeySpace() {
                public long size() {
                    return p.keys().size();
                }

                public String value(long index, int column) {
                    return p.keys().get((int) index)[column];
                }
            };
        }
        TablePlan parent = plans.get(((Seeded) source).parent());
        List<ColumnGenerator> refs = new ArrayList<>();
        for (String c : fk.refColumns()) {
            ColumnGenerator g = parent.generator(c);
            if (g == null) throw unsupportedKey(parent.table(), fk);
            refs.add(g);
        }
        return new KeySpace() {
            public long size() {
                return parent.rows();
            }

            public String value(long index, int column) {
                return refs.get(column).value(index + 1);
            }

            public ColumnGenerator generator(int column) {
                return refs.get(column);
            }
        };
    }

    private static InvalidInputException unsupportedKey(TableModel t, ForeignKey fk) {
        return new InvalidInputException("seed: foreign key " + fk.name() + " references " + fk.refQualifiedName() + "("
                + String.join(", ", fk.refColumns()) + "), whose values the seed cannot generate");
    }

    private static InvalidInputException impossible(TableModel t, ColumnModel c, String why, List<Check> checks,
                                                    boolean unique) {
        String column = "column " + c.name() + " (" + c.type() + ") " + why;
        if (checks != null && !checks.isEmpty()) {
            String which = checks.stream().distinct().map(k -> k.name() + ": " + Seeder.display(k.definition()))
                    .collect(Collectors.joining(" and "));
            return new InvalidInputException("seed: cannot generate rows for " + t + " satisfying check constraint "
                    + which + " (" + column + (unique ? ", unique" : "") + ")");
        }
        return new InvalidInputException("seed: cannot generate rows for " + t + ": " + column + (unique ? " (unique)" : ""));
    }
}
