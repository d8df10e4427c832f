package dev.rehearse.cli;

import dev.rehearse.engine.postgres.EmbeddedPostgresProvisioner;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A password given to rehearse never shows in anything it prints or writes, however it was given: a password file,
 * PGPASSWORD, a URL. The server really asks for it (scram-sha-256 on TCP), so each way is proven to reach it.
 */
class SecretsCliTest {

    private static final String PASSWORD = "Sw0rdf1sh-9f3a71";
    private static Database server;
    private static String url;

    @BeforeAll
    static void aServerThatAsksForThePassword() throws Exception {
        server = new EmbeddedPostgresProvisioner().start(EngineSpec.parse("postgres:16"));
        url = server.jdbcUrl();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("ALTER USER postgres PASSWORD '" + PASSWORD + "'");
            ResultSet rs = s.executeQuery("SHOW hba_file");
            rs.next();
            Files.writeString(Path.of(rs.getString(1)), "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n");
            s.execute("SELECT pg_reload_conf()");
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static void dropSeeded() throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", PASSWORD); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS accounts");
        }
    }

    private static Path migrations(Path dir) throws Exception {
        Path m = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(m.resolve("001_add.sql"), "ALTER TABLE accounts ADD COLUMN note text;\n");
        Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY, code text);\n");
        return m;
    }

    private static List<String> common(Path dir) throws Exception {
        return new ArrayList<>(List.of("run", "--provider", "external", "--allow-writes", "--i-understand-this-is-not-production", "--user", "postgres",
                "--schema", dir.resolve("schema.sql").toString(), "--migrations", migrations(dir).toString(),
                "--rows", "accounts=500", "--no-load", "--report", "console,json,md,sarif", "--out", dir.resolve("out").toString()));
    }

    /** Everything the run printed and every file it wrote. */
    private static void assertNoPassword(String out, String err, Path dir) throws Exception {
        assertThat(out).doesNotContain(PASSWORD);
        assertThat(err).doesNotContain(PASSWORD);
        try (Stream<Path> files = Files.walk(dir.resolve("out"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain(PASSWORD);
            }
        }
    }

    @Test
    void aPasswordFileReachesTheServerAndNothingPrintsIt(@TempDir Path dir) throws Exception {
        dropSeeded();
        Path secret = Files.writeString(dir.resolve("pw"), PASSWORD + "\n");
        List<String> args = common(dir);
        args.addAll(List.of("--url", url, "--password-file", secret.toString()));
        CliTest.Outcome r = CliTest.rehearse(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isIn(0, 1);
        assertNoPassword(r.out(), r.err(), dir);
    }

    @Test
    void aPasswordInTheUrlIsMaskedInWhatIsPrinted(@TempDir Path dir) throws Exception {
        dropSeeded();
        List<String> args = common(dir);
        args.addAll(List.of("--url", url + "?password=" + PASSWORD));
        CliTest.Outcome r = CliTest.rehearse(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isIn(0, 1);
        assertThat(r.err()).contains("password=***");
        assertNoPassword(r.out(), r.err(), dir);
    }

    @Test
    void pgpasswordIsReadFromTheEnvironmentAsPsqlReadsIt(@TempDir Path dir) throws Exception {
        dropSeeded();
        List<String> args = common(dir);
        args.addAll(List.of("--url", url));
        ProcessBuilder pb = InterruptMatrixTest.tool(args.toArray(String[]::new));
        pb.environment().put("PGPASSWORD", PASSWORD);
        Process p = pb.redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(dir.resolve("stdout")), err = Files.readString(dir.resolve("stderr"));
        assertThat(p.exitValue()).as(err).isIn(0, 1);
        assertNoPassword(out, err, dir);
    }

    @Test
    void aWrongPasswordFailsInOneMaskedLine(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("pw"), "not-" + PASSWORD + "\n");
        List<String> args = common(dir);
        args.addAll(List.of("--url", url, "--password-file", secret.toString()));
        CliTest.Outcome r = CliTest.rehearse(args.toArray(String[]::new));
        assertThat(r.code()).isEqualTo(Main.FAILED);
        assertThat(r.err()).contains("password authentication failed").doesNotContain("not-" + PASSWORD);
        assertThat(r.err().strip().lines()).hasSize(2); // the provision line, then the failure
    }
}
