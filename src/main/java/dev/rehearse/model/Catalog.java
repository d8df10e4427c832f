package dev.rehearse.model;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A database's schema as {@code drift} compares it: every object one {@link Item}, named so that the same object
 * has the same name in any database built from the same history, with the attributes that make it what it is. An
 * engine's catalog reader fills it from the server's catalog only (no table rows); comparing two is then engine-neutral.
 *
 * @param engine  the engine's id ({@code postgres}, {@code mariadb})
 * @param version the server's version as it reports it
 * @param items   in no particular order (order is not drift)
 */
public record Catalog(String engine, String version, List<Item> items) {

    public Catalog {
        items = List.copyOf(items);
    }

    /**
     * @param kind       {@code table}, {@code column}, {@code index}, {@code constraint}, {@code sequence},
     *                   {@code type}, {@code view}, {@code trigger}, {@code function}, {@code extension},
     *                   {@code privilege}
     * @param name       qualified where the engine qualifies it: {@code public.users}, {@code public.users.email}
     * @param table      the table a column, index, constraint or trigger belongs to, else null
     * @param generated  whether the name was made up by the server (a constraint named for its table and columns),
     *                   so that an equivalent object under another generated name is not drift
     * @param attributes what is compared, by name, each as the catalog states it
     */
    public record Item(String kind, String name, String table, boolean generated, SortedMap<String, String> attributes) {

        public Item {
            attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
        }

        /** The comparison's key: the same object in both catalogs. */
        public String key() {
            return kind + " " + name;
        }
    }
}
