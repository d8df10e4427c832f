package dev.rehearse.report;

import dev.rehearse.model.Report;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearse.dialect.Rule;
import dev.rehearse.analyze.Rules;
import dev.rehearse.model.Report.Finding;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code report.sarif}: SARIF 2.1.0 for code-scanning UIs. One result per finding with its rule id, level
 * ({@code BLOCK} = error, {@code FLAG} = warning), message and file:line; suppressed findings carry SARIF
 * {@code suppressions} with the user's reason. Rules carry the catalog's title, explanation and advice.
 */
public final class SarifReport {

    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private SarifReport() {}

    public static String render(Report r) {
        ObjectNode root = MAPPER.createObjectNode();
        // the id of the OASIS schema this document is valid against (errata 01, which the tests validate with)
        root.put("$schema", "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "rehearse");
        if (r.tool() != null) driver.put("version", r.tool().version());
        ArrayNode rules = driver.putArray("rules");
        Set<String> ids = new LinkedHashSet<>();
        for (Finding f : Format.list(r.findings())) ids.add(f.rule());
        for (String id : ids) {
            ObjectNode rule = rules.addObject();
            rule.put("id", id);
            Rule known = Rules.lookup(id).orElse(null);
            if (known != null) {
                rule.putObject("shortDescription").put("text", known.title());
                rule.putObject("fullDescription").put("text", known.explanation());
                rule.putObject("help").put("text", known.advice());
                // statement rules have pages; SARIF's helpUri must be an absolute URI and this tool has no fixed home, so
                // the page's path in rehearse's tree goes in the rule's property bag
                if (Rules.statementRule(id).isPresent()) rule.putObject("properties").put("patternPage", "docs/patterns/" + id + ".md");
            }
        }
        Report.Run ran = r.run();
        if (ran != null && ran.command() != null) {
            // SARIF's own place for the command line, and a property bag for the rest of what reproduces the run
            run.putArray("invocations").addObject().put("executionSuccessful", true).put("commandLine", ran.command());
            ObjectNode props = run.putObject("properties");
            props.put("command", ran.command());
            props.put("scenarioSha256", ran.scenarioSha256());
            if (r.engine() != null) props.put("engineKind", r.engine().kind()).put("engineVersion", r.engine().version());
            if (ran.machine() != null) {
                props.putObject("machine").put("cores", ran.machine().cores()).put("memoryBytes", ran.machine().memoryBytes())
                        .put("os", ran.machine().os()).put("java", ran.machine().java());
            }
        }
        ArrayNode results = run.putArray("results");
        for (Finding f : Format.list(r.findings())) {
            ObjectNode res = results.addObject();
            res.put("ruleId", f.rule());
            res.put("level", f.status() == null ? "note" : switch (f.status()) {
                case BLOCK -> "error";
                case FLAG -> "warning";
                case PASS -> "note";
            });
            res.putObject("message").put("text", Format.or(f.message())
                    + (f.action() == null ? "" : "\nSafe rewrite:\n" + f.action().strip()));
            if (f.file() != null) {
                ObjectNode phys = res.putArray("locations").addObject().putObject("physicalLocation");
                phys.putObject("artifactLocation").put("uri", f.file().replace('\\', '/'));
                if (f.line() != null) phys.putObject("region").put("startLine", f.line());
            }
            if (f.suppressed() != null) {
                ObjectNode s = res.putArray("suppressions").addObject();
                s.put("kind", f.suppressed().by().equals("config") ? "external" : "inSource");
                s.put("justification", f.suppressed().reason());
            }
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
