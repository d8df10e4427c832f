package dev.rehearse.analyze;

import dev.rehearse.model.Catalog;
import dev.rehearse.model.Catalog.Item;
import dev.rehearse.model.Drift;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogDiffTest {

    private static Item item(String kind, String name, String table, boolean generated, String... kv) {
        TreeMap<String, String> a = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) a.put(kv[i], kv[i + 1]);
        return new Item(kind, name, table, generated, a);
    }

    private static Catalog catalog(Item... items) {
        return new Catalog("postgres", "16", List.of(items));
    }

    @Test
    void theSameObjectsInAnotherOrderAreNoDrift() {
        Item t = item("table", "public.t", null, false, "kind", "table");
        Item c = item("column", "public.t.a", "public.t", false, "type", "integer");
        CatalogDiff.Result r = CatalogDiff.compare(catalog(t, c), catalog(c, t));
        assertThat(r.differences()).isEmpty();
    }

    @Test
    void anEquivalentConstraintUnderAnotherGeneratedNameIsNoiseButAUserNameIsNot() {
        Item prodFk = item("constraint", "public.o.o_user_id_fkey1", "public.o", true, "definition", "FOREIGN KEY (user_id) REFERENCES u(id)");
        Item histFk = item("constraint", "public.o.o_user_id_fkey", "public.o", true, "definition", "FOREIGN KEY (user_id) REFERENCES u(id)");
        CatalogDiff.Result generated = CatalogDiff.compare(catalog(prodFk), catalog(histFk));
        assertThat(generated.differences()).isEmpty();
        assertThat(generated.equivalentUnderGeneratedNames()).isEqualTo(1);

        Item named = item("constraint", "public.o.fk_user", "public.o", false, "definition", "FOREIGN KEY (user_id) REFERENCES u(id)");
        CatalogDiff.Result renamed = CatalogDiff.compare(catalog(named), catalog(histFk));
        assertThat(renamed.differences()).extracting(Drift.Difference::change, Drift.Difference::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("only-in-production", "public.o.fk_user"),
                        org.assertj.core.groups.Tuple.tuple("only-in-history", "public.o.o_user_id_fkey"));
        // a generated name with another definition is drift too
        Item otherDef = item("constraint", "public.o.o_user_id_fkey1", "public.o", true, "definition", "FOREIGN KEY (user_id) REFERENCES v(id)");
        assertThat(CatalogDiff.compare(catalog(otherDef), catalog(histFk)).differences()).hasSize(2);
    }

    @Test
    void aTableOnOneSideIsOneDifferenceCountingWhatItHolds() {
        Item t = item("table", "public.notes", null, false, "kind", "table");
        Item c1 = item("column", "public.notes.id", "public.notes", false, "type", "bigint");
        Item c2 = item("column", "public.notes.body", "public.notes", false, "type", "text");
        Item i = item("index", "public.notes_pkey", "public.notes", true, "definition", "CREATE UNIQUE INDEX ON public.notes USING btree (id)");
        CatalogDiff.Result r = CatalogDiff.compare(catalog(), catalog(i, c2, t, c1));
        assertThat(r.differences()).singleElement().satisfies(d -> {
            assertThat(d.change()).isEqualTo("only-in-history");
            assertThat(d.kind()).isEqualTo("table");
            assertThat(d.within()).isEqualTo(3);
        });
    }

    @Test
    void aDifferentObjectListsOnlyTheAttributesThatDiffer() {
        Item p = item("column", "public.t.a", "public.t", false, "type", "integer", "nullable", "NULL", "default", "1");
        Item h = item("column", "public.t.a", "public.t", false, "type", "integer", "nullable", "NOT NULL");
        assertThat(CatalogDiff.compare(catalog(p), catalog(h)).differences()).singleElement()
                .satisfies(d -> assertThat(d.fields()).containsExactly(new Drift.Field("default", "1", null),
                        new Drift.Field("nullable", "NULL", "NOT NULL")));
    }
}
