package dev.rehearse.analyze;

import dev.rehearse.dialect.MintedRules;
import dev.rehearse.dialect.Rule;
import dev.rehearse.dialect.Rule.Words;
import dev.rehearse.engine.Engine;
import dev.rehearse.engine.Engines;
import dev.rehearse.scenario.ServerVersion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rule catalog across engines, shared by {@code lint} and {@code run}: each engine's dialect lists its own rules
 * in match order ({@code PostgresRules}, {@code MySqlRules}, the shared {@code CommonRules}); this is their union,
 * for suppressions, SARIF and docs/patterns, beside {@link MintedRules}, the findings no statement rule names. Each rule's bad and safe examples (and the baseline they run on) are
 * files in {@code docs/patterns/<rule-id>/<engine>-<version>/}.
 */
public final class Rules {

    private Rules() {}

    /** Every engine's rules, each once, in the engines' order. */
    public static final List<Rule> ALL = union();

    private static List<Rule> union() {
        Map<String, Rule> out = new LinkedHashMap<>();
        for (Engine e : Engines.all()) {
            for (Rule r : e.dialect(ServerVersion.LATEST).rules()) out.putIfAbsent(r.id(), r);
        }
        return List.copyOf(out.values());
    }

    private static final Map<String, Rule> STATEMENT_RULES = ALL.stream()
            .collect(java.util.stream.Collectors.toMap(Rule::id, r -> r));

    /** The statement rule of that id, of any engine; empty for an id only measurement or bookkeeping mints. */
    public static Optional<Rule> statementRule(String id) {
        return Optional.ofNullable(STATEMENT_RULES.get(id));
    }

    /** A catalog entry by id: a statement rule of any engine, or one of the findings measurement mints. */
    public static Optional<Rule> lookup(String id) {
        return java.util.stream.Stream.concat(ALL.stream(), MintedRules.ALL.stream()).filter(r -> r.id().equals(id))
                .findFirst();
    }

    public static boolean known(String id) {
        return lookup(id).isPresent();
    }

    public static Optional<Rule> match(List<Rule> catalog, Words words) {
        return catalog.stream().filter(r -> r.matches().test(words)).findFirst();
    }

    public static Rule byId(List<Rule> catalog, String id) {
        return catalog.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    public static Rule byId(String id) {
        return byId(ALL, id);
    }
}
