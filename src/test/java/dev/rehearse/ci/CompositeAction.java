package dev.rehearse.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a composite action.yml's steps the way a GitHub runner does, without GitHub: each {@code run} step as
 * {@code bash --noprofile --norc -eo pipefail} with its {@code env}, a fresh {@code GITHUB_OUTPUT} whose lines become
 * {@code steps.<id>.outputs}, {@code ${{ }}} expressions evaluated (paths, string literals, {@code ==}, {@code !=},
 * {@code &&}, {@code ||}, {@code always()}), and a step after a failure only when its {@code if} says {@code always()}.
 * A {@code uses} step is not run (it is GitHub's or another action's code); it is recorded with its evaluated
 * {@code with}, so a test can check what it would have been given.
 */
final class CompositeAction {

    record Uses(String name, String uses, Map<String, String> with) {}

    record Ran(String name, int code, String log) {}

    record Result(List<Ran> ran, List<Uses> uses, Map<String, Map<String, String>> steps, Map<String, String> outputs,
                  int exitCode) {
        Uses uses(String prefix) {
            return uses.stream().filter(u -> u.uses().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no step uses " + prefix + ": " + uses));
        }

        String log() {
            StringBuilder b = new StringBuilder();
            for (Ran r : ran) b.append("== ").append(r.name()).append(" (exit ").append(r.code()).append(")\n").append(r.log());
            return b.toString();
        }
    }

    private final JsonNode action;
    private final Map<String, String> inputs = new LinkedHashMap<>();
    private final Map<String, String> context = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();
    private final Set<String> skipped;

    /**
     * @param with     the workflow's {@code with:} for this action (unset inputs take their defaults)
     * @param context  {@code github.*} and {@code runner.*} values by their dotted names
     * @param env      the runner's environment (GITHUB_*, PATH)
     * @param skipped  names of run steps not to run (a test says why)
     */
    CompositeAction(Path actionYml, Map<String, String> with, Map<String, String> context, Map<String, String> env,
                    Set<String> skipped) throws IOException {
        this.action = new YAMLMapper().readTree(actionYml.toFile());
        action.get("inputs").properties().forEach(e -> {
            JsonNode d = e.getValue().get("default");
            inputs.put(e.getKey(), d == null ? "" : d.asText());
        });
        for (String k : with.keySet()) {
            if (!inputs.containsKey(k)) throw new AssertionError("action.yml has no input " + k);
        }
        this.context.putAll(context);
        this.env.putAll(env);
        this.skipped = skipped;
        // a default may itself be an expression (${{ github.token }}): GitHub evaluates it
        inputs.replaceAll((k, v) -> substitute(v, Map.of(), false));
        inputs.putAll(with);
    }

    Result run(Path workspace, Path scratch) throws Exception {
        assertThat("composite".equals(action.get("runs").get("using").asText()), "runs.using is composite");
        List<Ran> ran = new ArrayList<>();
        List<Uses> uses = new ArrayList<>();
        Map<String, Map<String, String>> steps = new LinkedHashMap<>();
        boolean failed = false;
        int exit = 0;
        Set<String> seenSkipped = new java.util.HashSet<>();
        int n = 0;
        for (JsonNode step : action.get("runs").get("steps")) {
            n++;
            String name = step.has("name") ? step.get("name").asText() : step.has("uses") ? step.get("uses").asText() : "step " + n;
            String condition = step.has("if") ? step.get("if").asText() : "success()";
            boolean failedBefore = failed;
            boolean go = truthy(new Expr(strip(condition), steps, failedBefore).eval());
            if (!go) continue;
            if (step.has("uses")) {
                Map<String, String> with = new LinkedHashMap<>();
                if (step.has("with")) step.get("with").properties().forEach(e -> with.put(e.getKey(), substitute(e.getValue().asText(), steps, failedBefore)));
                uses.add(new Uses(name, step.get("uses").asText(), with));
                continue;
            }
            assertThat(step.has("run"), name + ": a step either uses or runs");
            assertThat(step.has("shell") && step.get("shell").asText().equals("bash"), name + ": composite run steps name their shell (bash)");
            if (skipped.contains(name)) {
                seenSkipped.add(name);
                continue;
            }
            Map<String, String> stepEnv = new HashMap<>(env);
            if (step.has("env")) step.get("env").properties().forEach(e -> stepEnv.put(e.getKey(), substitute(e.getValue().asText(), steps, failedBefore)));
            Path output = Files.createTempFile(scratch, "github-output", ".txt");
            stepEnv.put("GITHUB_OUTPUT", output.toString());
            Path script = Files.writeString(Files.createTempFile(scratch, "step", ".sh"), substitute(step.get("run").asText(), steps, failedBefore));
            ProcessBuilder pb = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString())
                    .directory(workspace.toFile()).redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().putAll(stepEnv);
            Process p = pb.start();
            String log = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(name + " did not finish in 10 minutes:\n" + log);
            }
            ran.add(new Ran(name, p.exitValue(), log));
            if (step.has("id")) steps.put(step.get("id").asText(), outputs(output));
            if (p.exitValue() != 0) {
                failed = true;
                exit = p.exitValue();
            }
        }
        assertThat(seenSkipped.equals(skipped), "every skipped step exists in action.yml: " + skipped + " vs " + seenSkipped);
        Map<String, String> outputs = new LinkedHashMap<>();
        boolean finalFailed = failed;
        action.get("outputs").properties().forEach(e -> outputs.put(e.getKey(), substitute(e.getValue().get("value").asText(), steps, finalFailed)));
        return new Result(ran, uses, steps, outputs, exit);
    }

    private static Map<String, String> outputs(Path file) throws IOException {
        Map<String, String> o = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) o.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return o;
    }

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{(.*?)}}");

    private String substitute(String text, Map<String, Map<String, String>> steps, boolean failed) {
        Matcher m = EXPRESSION.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            Object v = new Expr(m.group(1), steps, failed).eval();
            m.appendReplacement(b, Matcher.quoteReplacement(v == null ? "" : String.valueOf(v)));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static String strip(String condition) {
        String c = condition.strip();
        return c.startsWith("${{") && c.endsWith("}}") ? c.substring(3, c.length() - 2) : c;
    }

    private static boolean truthy(Object v) {
        if (v == null) return false;
        if (v instanceof Boolean b) return b;
        return !((String) v).isEmpty();
    }

    private static void assertThat(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }

    /** GitHub's expression syntax, as much of it as an action.yml here uses; anything else is an error, not a guess. */
    private final class Expr {
        private final String s;
        private final Map<String, Map<String, String>> steps;
        private final boolean failed;
        private int i;

        Expr(String s, Map<String, Map<String, String>> steps, boolean failed) {
            this.s = s;
            this.steps = steps;
            this.failed = failed;
        }

        Object eval() {
            Object v = or();
            space();
            if (i != s.length()) throw new AssertionError("cannot read expression '" + s + "' at " + i);
            return v;
        }

        private Object or() {
            Object v = and();
            while (eat("||")) {
                Object r = and();
                v = truthy(v) ? v : r;
            }
            return v;
        }

        private Object and() {
            Object v = comparison();
            while (eat("&&")) {
                Object r = comparison();
                v = truthy(v) ? r : v;
            }
            return v;
        }

        private Object comparison() {
            Object v = primary();
            if (eat("==")) return String.valueOf(v == null ? "" : v).equals(String.valueOf(orEmpty(primary())));
            if (eat("!=")) return !String.valueOf(v == null ? "" : v).equals(String.valueOf(orEmpty(primary())));
            return v;
        }

        private Object orEmpty(Object v) {
            return v == null ? "" : v;
        }

        private Object primary() {
            space();
            if (eat("(")) {
                Object v = or();
                if (!eat(")")) throw new AssertionError("unclosed ( in '" + s + "'");
                return v;
            }
            if (i < s.length() && s.charAt(i) == '\'') {
                int end = s.indexOf('\'', i + 1);
                String lit = s.substring(i + 1, end);
                i = end + 1;
                return lit;
            }
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || "._-".indexOf(s.charAt(i)) >= 0)) i++;
            String path = s.substring(start, i);
            if (eat("()")) {
                return switch (path) {
                    case "always" -> true;
                    case "success" -> !failed;
                    case "failure" -> failed;
                    default -> throw new AssertionError("unknown function " + path + "() in '" + s + "'");
                };
            }
            if (path.startsWith("inputs.")) {
                String k = path.substring("inputs.".length());
                if (!inputs.containsKey(k)) throw new AssertionError("action.yml reads undeclared input " + k);
                return inputs.get(k);
            }
            if (path.startsWith("steps.")) {
                String[] p = path.split("\\.");
                if (p.length != 4 || !p[2].equals("outputs")) throw new AssertionError("cannot read " + path);
                Map<String, String> o = steps.get(p[1]);
                return o == null ? null : o.get(p[3]);
            }
            if (path.startsWith("github.") || path.startsWith("runner.")) {
                if (!context.containsKey(path)) throw new AssertionError("the test gives no " + path + " (read in '" + s + "')");
                return context.get(path);
            }
            throw new AssertionError("cannot read '" + path + "' in '" + s + "'");
        }

        private boolean eat(String token) {
            space();
            if (s.startsWith(token, i)) {
                i += token.length();
                return true;
            }
            return false;
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }
    }
}
