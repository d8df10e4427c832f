package dev.rehearse.migrate.rails;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ActiveSupport's English inflections (activesupport/lib/active_support/inflections.rb), for the table a reference
 * points at ({@code t.references :category, foreign_key: true} → {@code categories}) and the column a foreign key
 * takes ({@code add_foreign_key :posts, :people} → {@code person_id}). The rules are that file's, in its order.
 */
final class Inflector {

    private record Rule(Pattern pattern, String replacement) {}

    private static final List<Rule> PLURALS = rules(
            "(quiz)$", "$1zes", "^(oxen)$", "$1", "^(ox)$", "$1en", "^(m|l)ice$", "$1ice", "^(m|l)ouse$", "$1ice",
            "(matr|vert|ind)(?:ix|ex)$", "$1ices", "(x|ch|ss|sh)$", "$1es", "([^aeiouy]|qu)y$", "$1ies",
            "(hive)$", "$1s", "(?:([^f])fe|([lr])f)$", "$1$2ves", "sis$", "ses", "([ti])a$", "$1a", "([ti])um$", "$1a",
            "(buffal|tomat)o$", "$1oes", "(bu)s$", "$1ses", "(alias|status)$", "$1es", "(octop|vir)i$", "$1i",
            "(octop|vir)us$", "$1i", "^(ax|test)is$", "$1es", "s$", "s", "$", "s");

    private static final List<Rule> SINGULARS = rules(
            "(database)s$", "$1", "(quiz)zes$", "$1", "(matr)ices$", "$1ix", "(vert|ind)ices$", "$1ex",
            "^(ox)en", "$1", "(alias|status)(es)?$", "$1", "(octop|vir)(us|i)$", "$1us", "^(a)x[ie]s$", "$1xis",
            "(cris|test)(is|es)$", "$1is", "(shoe)s$", "$1", "(o)es$", "$1", "(bus)(es)?$", "$1", "^(m|l)ice$", "$1ouse",
            "(x|ch|ss|sh)es$", "$1", "(m)ovies$", "$1ovie", "(s)eries$", "$1eries", "([^aeiouy]|qu)ies$", "$1y",
            "([lr])ves$", "$1f", "(tive)s$", "$1", "(hive)s$", "$1", "([^f])ves$", "$1fe",
            "(^analy)(sis|ses)$", "$1sis", "((a)naly|(b)a|(d)iagno|(p)arenthe|(p)rogno|(s)ynop|(t)he)(sis|ses)$", "$1sis",
            "([ti])a$", "$1um", "(n)ews$", "$1ews", "(ss)$", "$1", "s$", "");

    private static final List<String[]> IRREGULAR = List.of(new String[]{"person", "people"}, new String[]{"man", "men"},
            new String[]{"child", "children"}, new String[]{"sex", "sexes"}, new String[]{"move", "moves"},
            new String[]{"zombie", "zombies"});

    private static final List<String> UNCOUNTABLE = List.of("equipment", "information", "rice", "money", "species",
            "series", "fish", "sheep", "jeans", "police");

    private Inflector() {}

    private static List<Rule> rules(String... pairs) {
        java.util.ArrayList<Rule> out = new java.util.ArrayList<>();
        // listed in precedence order: inflections.rb's, last added first (the general "s" rules come last)
        for (int i = 0; i < pairs.length; i += 2) {
            out.add(new Rule(Pattern.compile(pairs[i], Pattern.CASE_INSENSITIVE), pairs[i + 1]));
        }
        return out;
    }

    static String pluralize(String word) {
        return inflect(word, PLURALS, true);
    }

    static String singularize(String word) {
        return inflect(word, SINGULARS, false);
    }

    private static String inflect(String word, List<Rule> rules, boolean plural) {
        if (word.isEmpty()) return word;
        int cut = Math.max(word.lastIndexOf('_'), word.lastIndexOf('.')) + 1;
        String head = word.substring(0, cut);
        String last = word.substring(cut);
        String lower = last.toLowerCase(Locale.ROOT);
        if (UNCOUNTABLE.contains(lower)) return word;
        for (String[] pair : IRREGULAR) {
            String from = plural ? pair[0] : pair[1];
            String to = plural ? pair[1] : pair[0];
            if (lower.equals(from) || lower.equals(to)) return head + to;
        }
        for (Rule r : rules) {
            Matcher m = r.pattern.matcher(last);
            if (m.find()) {
                StringBuilder sb = new StringBuilder();
                m.appendReplacement(sb, r.replacement.replace("$2", m.groupCount() >= 2 && m.group(2) == null ? "" : "$2")
                        .replace("$1", m.groupCount() >= 1 && m.group(1) == null ? "" : "$1"));
                m.appendTail(sb);
                return head + sb;
            }
        }
        return word;
    }
}
