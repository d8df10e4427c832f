package dev.rehearse.analyze;

import dev.rehearse.model.Catalog;
import dev.rehearse.model.Catalog.Item;
import dev.rehearse.model.Drift;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Production's catalog against the history's, object by object: the same key on both sides compared attribute by
 * attribute; what is left on one side only is drift, except an object whose name the server made up that has an
 * equivalent (same kind, table and attributes) under another made-up name on the other side. A table only on one side
 * is one difference, its columns, indexes, constraints and triggers counted in it rather than listed.
 */
public final class CatalogDiff {

    /** The order differences are listed in: containers before what they contain. */
    private static final List<String> KIND_ORDER = List.of("extension", "type", "sequence", "table", "column",
            "constraint", "index", "view", "trigger", "function", "privilege");

    public record Result(List<Drift.Difference> differences, int equivalentUnderGeneratedNames) {}

    private CatalogDiff() {
    }

    public static Result compare(Catalog production, Catalog history) {
        Map<String, Item> prod = byKey(production), hist = byKey(history);
        List<Drift.Difference> out = new ArrayList<>();
        for (Map.Entry<String, Item> e : prod.entrySet()) {
            Item h = hist.get(e.getKey());
            if (h == null) continue;
            List<Drift.Field> fields = differing(e.getValue(), h);
            if (!fields.isEmpty()) {
                out.add(new Drift.Difference("different", h.kind(), h.name(), h.table(), fields, 0));
            }
        }
        List<Item> onlyProd = new ArrayList<>(prod.values().stream().filter(i -> !hist.containsKey(i.key())).toList());
        List<Item> onlyHist = new ArrayList<>(hist.values().stream().filter(i -> !prod.containsKey(i.key())).toList());
        int equivalent = pairGenerated(onlyProd, onlyHist);
        out.addAll(oneSided("only-in-production", onlyProd, true));
        out.addAll(oneSided("only-in-history", onlyHist, false));
        out.sort(Comparator.comparing((Drift.Difference d) -> kindRank(d.kind()))
                .thenComparing(Drift.Difference::name).thenComparing(Drift.Difference::change));
        return new Result(out, equivalent);
    }

    /** Removes from both lists each made-up name with an equivalent under a made-up name opposite; how many pairs. */
    private static int pairGenerated(List<Item> onlyProd, List<Item> onlyHist) {
        int pairs = 0;
        for (Iterator<Item> it = onlyProd.iterator(); it.hasNext(); ) {
            Item p = it.next();
            if (!p.generated()) continue;
            for (Iterator<Item> ht = onlyHist.iterator(); ht.hasNext(); ) {
                Item h = ht.next();
                if (h.generated() && h.kind().equals(p.kind()) && Objects.equals(h.table(), p.table())
                        && h.attributes().equals(p.attributes())) {
                    ht.remove();
                    it.remove();
                    pairs++;
                    break;
                }
            }
        }
        return pairs;
    }

    /** One difference per object, an object within a table only on this side folded into the table's. */
    private static List<Drift.Difference> oneSided(String change, List<Item> items, boolean production) {
        Set<String> tables = new HashSet<>();
        for (Item i : items) if (i.kind().equals("table")) tables.add(i.name());
        Map<String, Integer> within = new HashMap<>();
        List<Item> listed = new ArrayList<>();
        for (Item i : items) {
            if (i.table() != null && tables.contains(i.table()) && !i.kind().equals("table")) {
                within.merge(i.table(), 1, Integer::sum);
            } else {
                listed.add(i);
            }
        }
        List<Drift.Difference> out = new ArrayList<>();
        for (Item i : listed) {
            List<Drift.Field> fields = new ArrayList<>();
            i.attributes().forEach((k, v) -> fields.add(production ? new Drift.Field(k, v, null) : new Drift.Field(k, null, v)));
            out.add(new Drift.Difference(change, i.kind(), i.name(), i.table(), fields, within.getOrDefault(i.name(), 0)));
        }
        return out;
    }

    private static List<Drift.Field> differing(Item production, Item history) {
        Set<String> names = new TreeSet<>(production.attributes().keySet());
        names.addAll(history.attributes().keySet());
        List<Drift.Field> out = new ArrayList<>();
        for (String n : names) {
            String p = production.attributes().get(n), h = history.attributes().get(n);
            if (!Objects.equals(p, h)) out.add(new Drift.Field(n, p, h));
        }
        return out;
    }

    private static Map<String, Item> byKey(Catalog c) {
        Map<String, Item> out = new LinkedHashMap<>();
        for (Item i : c.items()) out.put(i.key(), i);
        return out;
    }

    private static int kindRank(String kind) {
        int i = KIND_ORDER.indexOf(kind);
        return i < 0 ? KIND_ORDER.size() : i;
    }
}
