package dev.rehearse.seed;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Foreign keys the schema does not declare yet but a migration is likely to add: an integer column named
 * {@code customer_id} with a seeded table {@code customer}/{@code customers} draws from that table's
 * key. Without this, the very migration being rehearsed (ADD FOREIGN KEY) would fail on random values
 * instead of showing what it locks. The implied key is NOT VALID in spirit: it only shapes the data.
 */
final class ImpliedForeignKeys {

    private static final Set<ColumnType.Kind> INTEGERS =
            EnumSet.of(ColumnType.Kind.SMALLINT, ColumnType.Kind.INTEGER, ColumnType.Kind.BIGINT);

    private ImpliedForeignKeys() {}

    /** @param requested qualified names of the tables being seeded */
    static List<TableModel> apply(List<TableModel> models, Set<String> requested, Consumer<String> progress) {
        List<TableModel> out = new ArrayList<>();
        for (TableModel t : models) {
            List<TableModel.ForeignKey> fks = new ArrayList<>(t.foreignKeys());
            for (ColumnModel c : t.columns()) {
                if (!INTEGERS.contains(c.type().kind()) || !c.name().endsWith("_id") || c.generated()
                        || declared(t, c) || soleKey(t, c)) continue;
                TableModel parent = parentByName(models, t, c.name().substring(0, c.name().length() - 3), requested);
                if (parent == null) continue;
                String key = integerPrimaryKey(parent);
                fks.add(new TableModel.ForeignKey("implied_" + t.name() + "_" + c.name(), List.of(c.name()),
                        parent.schema(), parent.name(), List.of(key), false,
                        "implied by its name: (" + c.name() + ") -> " + parent.name() + " (" + key + ")"));
                progress.accept("seed: " + t.name() + "." + c.name() + " draws from " + parent.name() + "." + key
                        + " (implied by its name; no foreign key is declared)");
            }
            out.add(fks.size() == t.foreignKeys().size() ? t
                    : new TableModel(t.schema(), t.name(), t.columns(), t.uniqueKeys(), fks, t.checks()));
        }
        return out;
    }

    private static boolean declared(TableModel t, ColumnModel c) {
        return t.foreignKeys().stream().anyMatch(fk -> fk.columns().contains(c.name()));
    }

    private static boolean soleKey(TableModel t, ColumnModel c) {
        return t.uniqueKeys().stream().anyMatch(k -> k.columns().equals(List.of(c.name())));
    }

    private static TableModel parentByName(List<TableModel> models, TableModel child, String base, Set<String> requested) {
        List<String> names = new ArrayList<>(List.of(base, base + "s", base + "es"));
        if (base.endsWith("y")) names.add(base.substring(0, base.length() - 1) + "ies");
        for (TableModel m : models) {
            if (m != child && m.schema().equals(child.schema()) && names.contains(m.name())
                    && requested.contains(m.qualifiedName()) && integerPrimaryKey(m) != null) return m;
        }
        return null;
    }

    private static String integerPrimaryKey(TableModel t) {
        for (TableModel.UniqueKey k : t.uniqueKeys()) {
            if (k.primary() && k.columns().size() == 1) {
                String col = k.columns().get(0);
                if (t.column(col).map(c -> INTEGERS.contains(c.type().kind())).orElse(false)) return col;
            }
        }
        return null;
    }
}
