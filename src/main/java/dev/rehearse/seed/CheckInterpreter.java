package dev.rehearse.seed;

import java.util.Map;

/** An engine's reading of its CHECK constraint text into rules the generators can respect. */
@FunctionalInterface
public interface CheckInterpreter {

    /**
     * @param rules what the check says about each column it names
     * @param complete false when part of the check was not understood (the server judges the rest)
     */
    record Reading(Map<String, ColumnRule> rules, boolean complete) {}

    /** @param valueColumn the column a domain check's {@code VALUE} stands for, or null */
    Reading read(String definition, String valueColumn);

    /** Adds what one understood part demands of {@code column} to what the others do; false when it says nothing. */
    static boolean add(Map<String, ColumnRule> rules, String column, ColumnRule rule) {
        if (rule == null) return false;
        rules.merge(column, rule, ColumnRule::and);
        return true;
    }
}
