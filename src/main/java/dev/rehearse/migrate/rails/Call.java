package dev.rehearse.migrate.rails;

import java.util.List;
import java.util.Map;

/**
 * One schema-DSL call of a migration, its arguments as literal values ({@link Ruby#value}).
 *
 * @param line 1-based line of the call in its file
 * @param args positional arguments
 * @param opts keyword arguments by name
 * @param block the calls of its block ({@code t.string} in create_table, a reversible's up part), in order
 * @param otherBlock a reversible's down part
 * @param untranslated why this is not a call the translator knows (null when it is)
 */
record Call(String name, int line, List<Object> args, Map<String, Object> opts, List<Call> block,
            List<Call> otherBlock, String untranslated) {

    Call {
        args = List.copyOf(args);
        opts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(opts));
        block = block == null ? null : List.copyOf(block);
        otherBlock = otherBlock == null ? null : List.copyOf(otherBlock);
    }

    Call(String name, int line, List<Object> args, Map<String, Object> opts, List<Call> block) {
        this(name, line, args, opts, block, null, null);
    }

    static Call untranslated(String what, int line, String why) {
        return new Call(what, line, List.of(), Map.of(), null, null, why);
    }

    Object arg(int i) {
        return i < args.size() ? args.get(i) : null;
    }

    Call with(String newName, List<Object> newArgs, Map<String, Object> newOpts) {
        return new Call(newName, line, newArgs, newOpts, block, otherBlock, untranslated);
    }

    /** A call's text for messages: {@code add_index} or {@code t.foo}. */
    @Override
    public String toString() {
        return name;
    }
}
