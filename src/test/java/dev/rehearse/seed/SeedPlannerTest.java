package dev.rehearse.seed;

import dev.rehearse.InvalidInputException;
import dev.rehearse.seed.TableModel.ForeignKey;
import dev.rehearse.seed.TableModel.UniqueKey;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Planning on hand-written models: ordering, added parents, cycles and keys, without a database. */
class SeedPlannerTest {

    private static final ColumnType INT = ColumnType.of(ColumnType.Kind.INTEGER, "integer");
    private static final ColumnType TEXT = ColumnType.of(ColumnType.Kind.TEXT, "text");

    private final List<String> progress = new ArrayList<>();
    private Map<String, List<String[]>> present = Map.of();

    private static TableModel table(String name, List<ColumnModel> columns, List<UniqueKey> keys, List<ForeignKey> fks) {
        return new TableModel("public", name, columns, keys, fks, List.of());
    }

    private static ForeignKey fk(String name, String column, String parent) {
        return new ForeignKey(name, List.of(column), "public", parent, List.of("id"), true, "FOREIGN KEY (" + column + ")");
    }

    private static UniqueKey pk(String... columns) {
        return new UniqueKey("pk_" + String.join("_", columns), List.of(columns), true);
    }

    private static final TableModel USERS = table("users",
            List.of(ColumnModel.of("id", INT, true), ColumnModel.of("name", TEXT, true)), List.of(pk("id")), List.of());
    private static final TableModel TAGS = table("tags",
            List.of(ColumnModel.of("id", INT, true)), List.of(pk("id")), List.of());
    private static final TableModel ORDERS = table("orders",
            List.of(ColumnModel.of("id", INT, true), ColumnModel.of("user_id", INT, true), ColumnModel.of("coupon_id", INT, false)),
            List.of(pk("id")), List.of(fk("orders_user", "user_id", "users"), fk("orders_coupon", "coupon_id", "tags")));

    private List<SeedPlanner.TablePlan> plan(List<TableModel> schema, Map<String, Long> rows) {
        SeedPlanner.Existing existing = new SeedPlanner.Existing() {
            public boolean hasRows(TableModel t) {
                return false;
            }

            public List<String[]> keys(TableModel t, List<String> columns, int limit) {
                return present.getOrDefault(t.name(), List.of());
            }
        };
        return new SeedPlanner(schema, 1, progress::add, existing, Profile.EMPTY,
                new SeedEngine(c -> List.of(), null, (d, v) -> new CheckInterpreter.Reading(Map.of(), false),
                dev.rehearse.engine.postgres.PostgresLiterals.INSTANCE, "public")).plan(rows);
    }

    private static List<String> column(SeedPlanner.TablePlan p, String column) {
        ColumnGenerator g = p.generator(column);
        return LongStream.rangeClosed(1, p.rows()).mapToObj(g::value).toList();
    }

    @Test
    void unknownTableListsTheTablesThatExist() {
        assertThatThrownBy(() -> plan(List.of(USERS, TAGS), Map.of("nope", 1L)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("seed: unknown table 'nope'; tables in the database: public.users, public.tags");
    }

    @Test
    void aNotNullParentOutsideTheRequestIsSeededFirstAndANullableOneLeftNull() {
        List<SeedPlanner.TablePlan> plans = plan(List.of(USERS, TAGS, ORDERS), Map.of("public.orders", 50L));
        assertThat(plans).extracting(p -> p.table().name()).containsExactly("users", "orders");
        assertThat(plans.get(0).rows()).isEqualTo(SeedPlanner.ADDED_PARENT_ROWS);
        assertThat(plans.get(0).added()).isTrue();
        assertThat(progress).anyMatch(m -> m.contains("also seeding public.users with 1000 rows"));
        assertThat(column(plans.get(1), "user_id")).allSatisfy(v -> assertThat(Integer.parseInt(v)).isBetween(1, 1000));
        assertThat(column(plans.get(1), "coupon_id")).containsOnlyNulls();
    }

    @Test
    void keysAlreadyInAnUnrequestedParentAreUsed() {
        present = Map.of("users", List.<String[]>of(new String[] {"7"}, new String[] {"9"}));
        List<SeedPlanner.TablePlan> plans = plan(List.of(USERS, TAGS, ORDERS), Map.of("orders", 100L));
        assertThat(plans).hasSize(1);
        assertThat(column(plans.get(0), "user_id")).containsOnly("7", "9");
    }

    @Test
    void aCycleOfNotNullKeysIsRefusedAndOneWithANullableKeyIsBroken() {
        TableModel a = table("a", List.of(ColumnModel.of("id", INT, true), ColumnModel.of("b_id", INT, true)),
                List.of(pk("id")), List.of(fk("a_b", "b_id", "b")));
        TableModel b = table("b", List.of(ColumnModel.of("id", INT, true), ColumnModel.of("a_id", INT, true)),
                List.of(pk("id")), List.of(fk("b_a", "a_id", "a")));
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("a", 10L);
        rows.put("b", 10L);
        assertThatThrownBy(() -> plan(List.of(a, b), rows))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cycle in which every key is NOT NULL (public.a (a_b) → public.b (b_a) → public.a)");
        TableModel bNullable = table("b", List.of(ColumnModel.of("id", INT, true), ColumnModel.of("a_id", INT, false)),
                List.of(pk("id")), List.of(fk("b_a", "a_id", "a")));
        List<SeedPlanner.TablePlan> plans = plan(List.of(a, bNullable), rows);
        assertThat(plans).extracting(p -> p.table().name()).containsExactly("b", "a");
        assertThat(column(plans.get(0), "a_id")).containsOnlyNulls();
    }

    @Test
    void aKeyOfTwoForeignKeysEnumeratesParentCombinations() {
        TableModel link = table("user_tags", List.of(ColumnModel.of("user_id", INT, true), ColumnModel.of("tag_id", INT, true)),
                List.of(pk("user_id", "tag_id")), List.of(fk("ut_user", "user_id", "users"), fk("ut_tag", "tag_id", "tags")));
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("users", 30L);
        rows.put("tags", 20L);
        rows.put("user_tags", 600L);
        SeedPlanner.TablePlan p = plan(List.of(USERS, TAGS, link), rows).get(2);
        Set<String> pairs = new HashSet<>();
        for (long r = 1; r <= 600; r++) pairs.add(p.generator("user_id").value(r) + "/" + p.generator("tag_id").value(r));
        assertThat(pairs).hasSize(600);
        rows.put("user_tags", 601L);
        assertThatThrownBy(() -> plan(List.of(USERS, TAGS, link), rows))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("pk_user_id_tag_id").hasMessageContaining("30 × 20 = 600 combinations, fewer than 601 rows");
    }

    @Test
    void aCompositeKeyWithAPlainColumnMakesThatColumnUnique() {
        TableModel lines = table("lines", List.of(ColumnModel.of("order_id", INT, true), ColumnModel.of("line_no", INT, true)),
                List.of(pk("order_id", "line_no")), List.of(fk("lines_order", "order_id", "tags")));
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("tags", 3L);
        rows.put("lines", 100L);
        SeedPlanner.TablePlan p = plan(List.of(TAGS, lines), rows).get(1);
        assertThat(column(p, "line_no")).doesNotHaveDuplicates();
        assertThat(column(p, "order_id")).containsOnly("1", "2", "3");
    }

    @Test
    void aNotNullSelfReferencePointsAtAnEarlierRow() {
        TableModel tree = table("tree", List.of(ColumnModel.of("id", INT, true), ColumnModel.of("parent_id", INT, true)),
                List.of(pk("id")), List.of(fk("tree_parent", "parent_id", "tree")));
        SeedPlanner.TablePlan p = plan(List.of(tree), Map.of("tree", 500L)).get(0);
        for (long r = 1; r <= 500; r++) {
            assertThat(Long.parseLong(p.generator("parent_id").value(r))).isBetween(1L, Math.max(1, r - 1));
        }
    }

    @Test
    void anUnsupportedNotNullColumnWithoutDefaultIsNamed() {
        TableModel t = table("shapes", List.of(ColumnModel.of("id", INT, true),
                ColumnModel.of("area", ColumnType.of(ColumnType.Kind.UNSUPPORTED, "polygon"), true)), List.of(pk("id")), List.of());
        assertThatThrownBy(() -> plan(List.of(t), Map.of("shapes", 1L)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("public.shapes.area has type polygon");
    }
}
