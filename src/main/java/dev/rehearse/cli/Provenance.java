package dev.rehearse.cli;

import dev.rehearse.InvalidInputException;
import dev.rehearse.model.Report;
import dev.rehearse.provision.Secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What it takes to reproduce a report: the exact command (passwords masked), the scenario's SHA-256 and the machine.
 * Added by the CLI, which alone knows the command line.
 */
final class Provenance {

    private static final Pattern MEM_TOTAL = Pattern.compile("MemTotal:\\s+(\\d+) kB");
    /** Options whose value is a secret of its own, not inside a URL. */
    private static final List<String> SECRET_OPTIONS = List.of("--password");

    private Provenance() {}

    /** {@code report} with {@code run.command}, {@code run.scenarioSha256} and {@code run.machine} filled in. */
    static Report stamp(Report report, List<String> args, Path scenarioFile) {
        if (report.run() == null) return report;
        return report.withRun(report.run().withProvenance(command(args), scenarioSha256(args, scenarioFile), machine()));
    }

    /** {@code rehearse run scenarios/q.yaml --url 'jdbc:postgresql://h/db?password=***'}: each argument shell-quoted. */
    static String command(List<String> args) {
        List<String> words = new ArrayList<>(List.of("rehearse"));
        boolean secretNext = false;
        for (String a : args) {
            if (secretNext) {
                words.add("***");
                secretNext = false;
                continue;
            }
            String masked = Secrets.mask(a);
            for (String option : SECRET_OPTIONS) {
                if (a.equals(option)) secretNext = true;
                else if (a.startsWith(option + "=")) masked = option + "=***";
            }
            words.add(quote(masked));
        }
        return String.join(" ", words);
    }

    /**
     * The scenario file's bytes, hashed; without a file the flags are the scenario, so their masked text is hashed
     * (one argument a line): the same flags give the same hash.
     */
    static String scenarioSha256(List<String> args, Path scenarioFile) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] bytes;
            if (scenarioFile != null) {
                bytes = Files.readAllBytes(scenarioFile);
            } else {
                String flags = command(args);
                bytes = flags.getBytes(StandardCharsets.UTF_8);
            }
            return HexFormat.of().formatHex(sha.digest(bytes));
        } catch (IOException e) {
            throw new InvalidInputException(scenarioFile + ": cannot be read: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Runbook defaults when the team gave no thresholds of its own. */
    static final long DEFAULT_LOCK_ALERT_MS = 30_000, DEFAULT_LAG_ALERT_MS = 60_000;

    /**
     * The runbook's alerts: a scenario (or .rehearse.yaml) that sets thresholds says what this team finds too long, so
     * its block thresholds are the alerts (the longer of query wait and lock hold); otherwise 30 s and 60 s.
     */
    static Report.Alerts alerts(dev.rehearse.scenario.Scenario.Thresholds t) {
        if (t == null || t.equals(dev.rehearse.scenario.Scenario.Thresholds.DEFAULT)) {
            return new Report.Alerts(DEFAULT_LOCK_ALERT_MS, DEFAULT_LAG_ALERT_MS, "default");
        }
        return new Report.Alerts(Math.max(t.queryWaitBlockMs(), t.lockHoldBlockMs()), t.replicationLagBlockMs(), "scenario");
    }

    static Report.Machine machine() {
        return new Report.Machine(Runtime.getRuntime().availableProcessors(), memoryBytes(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
    }

    /** /proc/meminfo where there is one (cheap: lint's start-up loads no management beans); else the OS bean. */
    private static Long memoryBytes() {
        Path meminfo = Path.of("/proc/meminfo");
        try {
            if (Files.isReadable(meminfo)) {
                Matcher m = MEM_TOTAL.matcher(Files.readString(meminfo));
                if (m.find()) return Long.parseLong(m.group(1)) * 1024;
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the bean
        }
        try {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getTotalMemorySize();
        } catch (RuntimeException | LinkageError e) {
            return null; // not measured
        }
    }

    private static String quote(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_./:=,@%+*-]+")) return word;
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
