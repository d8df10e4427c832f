package dev.rehearse.dialect;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One of an engine's table lock modes: its name as the engine reports it, what it stops the application from
 * doing, its strength, and the modes it conflicts with. An engine's {@link Table} derives what each mode blocks
 * from the conflict table itself, so the two cannot disagree.
 *
 * @param rank strength within its engine, 0 the weakest; -1 for a mode the engine does not know
 */
public record LockMode(String name, Blocks blocks, int rank, Set<String> conflicts) {

    /** What a lock stops the application from doing, normalised across engines (report.json's {@code blocks}). */
    public enum Blocks {
        /** Conflicts only with other DDL or maintenance. */
        NONE,
        /** Writes wait; reads go on. */
        WRITES,
        /** Reads and writes wait. */
        READS_WRITES;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public LockMode {
        conflicts = Set.copyOf(conflicts);
    }

    public boolean conflictsWith(LockMode other) {
        return conflicts.contains(other.name());
    }

    /** Blocks something the application does. */
    public boolean blocksApplication() {
        return blocks != Blocks.NONE;
    }

    /** An engine's lock modes, weakest first, with their conflicts. */
    public static final class Table {

        private final List<LockMode> modes;
        private final Map<String, LockMode> byName;

        private Table(List<LockMode> modes) {
            this.modes = List.copyOf(modes);
            this.byName = modes.stream().collect(Collectors.toMap(LockMode::name, Function.identity()));
        }

        /**
         * @param reads the mode an application's plain read takes: a mode conflicting with it blocks reads and writes
         * @param writes the mode an application's INSERT/UPDATE/DELETE takes: one conflicting with it blocks writes
         */
        public static Table of(List<String> weakestFirst, Map<String, Set<String>> conflicts, String reads, String writes) {
            List<LockMode> modes = new java.util.ArrayList<>();
            for (int i = 0; i < weakestFirst.size(); i++) {
                String name = weakestFirst.get(i);
                Set<String> c = conflicts.getOrDefault(name, Set.of());
                Blocks blocks = c.contains(reads) ? Blocks.READS_WRITES : c.contains(writes) ? Blocks.WRITES : Blocks.NONE;
                modes.add(new LockMode(name, blocks, i, c));
            }
            return new Table(modes);
        }

        /** The mode of that name; an unknown name (a lock on something other than a table) blocks nothing here. */
        public LockMode of(String name) {
            LockMode m = byName.get(name);
            return m != null ? m : new LockMode(name, Blocks.NONE, -1, Set.of());
        }

        /** Weakest first. */
        public List<LockMode> modes() {
            return modes;
        }

        public List<String> names() {
            return modes.stream().map(LockMode::name).toList();
        }
    }
}
