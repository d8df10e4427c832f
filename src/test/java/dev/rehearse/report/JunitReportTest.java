package dev.rehearse.report;

import dev.rehearse.model.Report;
import dev.rehearse.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * report.junit.xml against golden files and the JUnit XML schema CI systems read: the Jenkins xUnit plugin's
 * {@code junit-10.xsd}, which it validates every JUnit report it reads against ({@code src/test/resources/junit},
 * SOURCE.md there). After a deliberate change, regenerate the golden files with {@code -Drehearse.golden.update=true}.
 */
public class JunitReportTest {

    static final Path GOLDEN = Path.of("src/test/resources/reports/golden");
    static final Path SCHEMA = Path.of("src/test/resources/junit/junit-10.xsd");

    @Test
    void failsOnlyTheBlockWithFailOnBlockAndTheFlagsTooWithFailOnFlag() throws Exception {
        Report r = ReportFixture.blocked();
        String block = JunitReport.render(r, Scenario.FailOn.BLOCK);
        String flag = JunitReport.render(r, Scenario.FailOn.FLAG);
        golden("report.junit.xml", block);
        golden("report-fail-on-flag.junit.xml", flag);
        validate(block);
        validate(flag);

        Document d = parse(block);
        NodeList cases = d.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(3 + 8); // three statements, eight categories
        assertThat(d.getDocumentElement().getAttribute("failures")).isEqualTo("2"); // statement #1, constraint validation
        Element notNull = (Element) cases.item(0);
        assertThat(notNull.getAttribute("classname")).isEqualTo("V2__orders_customer_not_null.sql");
        assertThat(notNull.getAttribute("time")).isEqualTo("0.840");
        Element failure = (Element) notNull.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("BLOCK");
        assertThat(failure.getTextContent()).contains("Safe rewrite:", "VALIDATE CONSTRAINT orders_customer_id_not_null");
        // the failed foreign key is FLAG: said in its output, a failure only with --fail-on flag
        Element fk = (Element) cases.item(2);
        assertThat(fk.getElementsByTagName("failure").getLength()).isZero();
        assertThat(fk.getElementsByTagName("system-out").item(0).getTextContent()).contains("FLAG add-foreign-key-validated",
                "violates foreign key constraint");
        assertThat(parse(flag).getDocumentElement().getAttribute("failures")).isEqualTo("4");
        assertThat(parse(JunitReport.render(r, Scenario.FailOn.NEVER)).getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void aRealRehearsalsReportValidatesWithACasePerStatementAndCategory() throws Exception {
        Report r = JsonReport.read(Path.of("src/test/resources/reports/quickstart/report.json"));
        String xml = JunitReport.render(r, Scenario.FailOn.BLOCK);
        validate(xml);
        assertThat(parse(xml).getElementsByTagName("testcase").getLength()).isEqualTo(r.statements().size() + 8);
    }

    @Test
    void lintReportsCaseEachPlaceAFindingNames() throws Exception {
        Report run = ReportFixture.blocked();
        Report lint = new Report(run.tool(), run.engine(), run.verdict(), run.verdictReason(), run.categories(),
                java.util.List.of(), run.findings().stream().map(f -> new Report.Finding(f.rule(), f.category(), f.status(),
                        null, f.message(), f.action(), "db/V2__x.sql", 3, null)).toList(), null, null, null, null, null);
        String xml = JunitReport.render(lint, Scenario.FailOn.BLOCK);
        validate(xml);
        Element c = (Element) parse(xml).getElementsByTagName("testcase").item(0);
        assertThat(c.getAttribute("classname")).isEqualTo("db/V2__x.sql");
        assertThat(c.getAttribute("name")).isEqualTo("line 3");
        assertThat(c.getElementsByTagName("failure").getLength()).isOne();
    }

    @Test
    void markupInSqlAndMessagesIsEscapedNotInterpreted() throws Exception {
        Report r = ReportFixture.blocked();
        var s = r.statements().get(0);
        var evil = new Report.StatementReport(s.index(), s.migration(), s.line(), "SELECT '</testcase>&<x>' \u0000",
                s.inTransaction(), s.startedAtMs(), s.durationMs(), null, null, s.locks(), s.rewrote(), s.indexesRebuilt(),
                s.scanned(), null, null, s.impact(), null);
        Report withEvil = new Report(r.tool(), r.engine(), r.verdict(), r.verdictReason(), r.categories(),
                java.util.List.of(evil), r.findings(), r.seed(), r.load(), r.replication(), r.run(), r.timeline());
        String xml = JunitReport.render(withEvil, Scenario.FailOn.BLOCK);
        validate(xml);
        assertThat(parse(xml).getElementsByTagName("testcase").item(0).getTextContent()).contains("SELECT '</testcase>&<x>'");
    }

    @Test
    void theSchemaRejectsWhatItShould() {
        // the validator is live: a suite without its counts and a time with four decimals are both refused
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> validate("<testsuites><testsuite name=\"x\"/></testsuites>"))
                .hasMessageContaining("tests");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> validate(
                        "<testsuites><testsuite name=\"x\" tests=\"0\" failures=\"0\" errors=\"0\" time=\"1.2345\"/></testsuites>"))
                .hasMessageContaining("1.2345");
    }

    public static void validate(String xml) throws Exception {
        var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(SCHEMA.toFile());
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static void golden(String name, String actual) throws Exception {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("rehearse.golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as(file + " (regenerate with -Drehearse.golden.update=true)").isEqualTo(Files.readString(file));
    }
}
