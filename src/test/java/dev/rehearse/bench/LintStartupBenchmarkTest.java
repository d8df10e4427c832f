package dev.rehearse.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code mvn -B -Pbench -Dtest=LintStartupBenchmarkTest test}: {@code lint} as whole processes, start-up included,
 * beside Squawk (npm {@code squawk-cli}, installed under target/squawk) on the same files: Flowable's and Activiti's
 * PostgreSQL scripts from Maven Central. Prints the median and range of wall and CPU time over RUNS runs after a
 * warm-up, for the plain {@code java -jar}, for {@code ./rehearse} (AppCDS archive, client compiler, serial GC), for
 * {@code ./rehearse --version} (the start alone) and for Squawk.
 * Figures, not assertions: the machine is shared.
 */
@Tag("bench")
class LintStartupBenchmarkTest {

    private static final int RUNS = 7;
    private static final Path ROOT = Path.of("").toAbsolutePath();

    @Test
    void lintStartsWithinReachOfSquawk(@TempDir Path tmp) throws Exception {
        Path pg = tmp.resolve("postgres");
        int n = LintBenchmarkTest.extract("org.flowable:flowable-engine:7.1.0",
                e -> e.startsWith("org/flowable/db/") && e.contains(".postgres.") && e.endsWith(".sql"), pg.resolve("flowable"));
        n += LintBenchmarkTest.extract("org.activiti:activiti-engine:5.22.0",
                e -> e.startsWith("org/activiti/db/") && e.contains(".postgres.") && e.endsWith(".sql"), pg.resolve("activiti"));
        List<String> files = new ArrayList<>();
        try (var s = Files.walk(pg)) {
            s.filter(p -> p.toString().endsWith(".sql")).sorted().forEach(p -> files.add(p.toString()));
        }
        assertThat(files).hasSize(n);

        Path jar = ROOT.resolve("target/rehearse.jar");
        exec(List.of(ROOT.resolve("rehearse").toString(), "--version")); // builds the jar and its CDS archive when stale
        assumeTrue(Files.exists(jar), "target/rehearse.jar could not be built");
        Path squawk = squawk();

        List<String> plain = new ArrayList<>(List.of(java(), "-jar", jar.toString(), "lint", "--fail-on", "never"));
        plain.addAll(files);
        List<String> launcher = new ArrayList<>(List.of(ROOT.resolve("rehearse").toString(), "lint", "--fail-on", "never"));
        launcher.addAll(files);
        System.out.printf("%nlint start-up benchmark: %d PostgreSQL files (Flowable 7.1.0 + Activiti 5.22.0), %d runs"
                + " after 1 warm-up, wall and CPU time%n", files.size(), RUNS);
        Figures a = time("rehearse lint (java -jar, JVM defaults)", plain);
        Figures b = time("rehearse lint (./rehearse: AppCDS, C1, serial GC)", launcher);
        time("rehearse --version (./rehearse: the start alone)", List.of(ROOT.resolve("rehearse").toString(), "--version"));
        if (squawk != null) {
            List<String> sq = new ArrayList<>(List.of(squawk.toString()));
            sq.addAll(files);
            Figures c = time("squawk " + version(squawk), sq);
            System.out.printf("  ratio to squawk, wall: java -jar %.1f×, ./rehearse %.1f×; CPU: java -jar %.1f×, ./rehearse %.1f×%n%n",
                    a.wallMs() / c.wallMs(), b.wallMs() / c.wallMs(), a.cpuMs() / c.cpuMs(), b.cpuMs() / c.cpuMs());
        } else {
            System.out.println("  squawk: npm could not install squawk-cli here; no comparison\n");
        }
    }

    /** Median wall and CPU (user + system, the process and its children, as bash's {@code time} counts) in ms. */
    record Figures(double wallMs, double cpuMs) {}

    private static Figures time(String name, List<String> command) throws Exception {
        timed(command); // warm-up: page cache, and the launcher's archive
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            double[] t = timed(command);
            wall.add(t[0]);
            cpu.add(t[1]);
        }
        wall.sort(null);
        cpu.sort(null);
        Figures f = new Figures(wall.get(RUNS / 2), cpu.get(RUNS / 2));
        System.out.printf("  %-52s wall median %6.0f ms (min %.0f, max %.0f), CPU median %6.0f ms (min %.0f, max %.0f)%n",
                name, f.wallMs(), wall.get(0), wall.get(RUNS - 1), f.cpuMs(), cpu.get(0), cpu.get(RUNS - 1));
        return f;
    }

    /** One run under bash's {@code time}: {wall ms, CPU ms}. */
    private static double[] timed(List<String> command) throws Exception {
        List<String> shell = new ArrayList<>(List.of("bash", "-c",
                "TIMEFORMAT='%3R %3U %3S'; { time \"$@\" >/dev/null 2>&1; } 2>&1", "timed"));
        shell.addAll(command);
        Process p = new ProcessBuilder(shell).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        String[] f = out.substring(out.lastIndexOf('\n') + 1).trim().split(" ");
        return new double[]{Double.parseDouble(f[0]) * 1000, (Double.parseDouble(f[1]) + Double.parseDouble(f[2])) * 1000};
    }

    private static int exec(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        return p.exitValue();
    }

    /** {@code npm install squawk-cli} under target/squawk once; null when npm cannot. */
    private static Path squawk() throws Exception {
        Path dir = ROOT.resolve("target/squawk");
        Path bin = dir.resolve("node_modules/.bin/squawk");
        if (!Files.isExecutable(bin)) {
            Files.createDirectories(dir);
            try {
                exec(List.of("npm", "install", "--no-audit", "--no-fund", "--prefix", dir.toString(), "squawk-cli"));
            } catch (java.io.IOException noNpm) {
                return null;
            }
        }
        return Files.isExecutable(bin) ? bin : null;
    }

    private static String version(Path squawk) throws Exception {
        Process p = new ProcessBuilder(squawk.toString(), "--version").redirectErrorStream(true).start();
        String v = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return v.replace("squawk ", "");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : "")).toString();
    }
}
