package dev.rehearse;

import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.scenario.Provider;
import dev.rehearse.scenario.RowCount;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ScenarioLoader;
import dev.rehearse.seed.Profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a run's inputs ask of the machine and of the schema, checked before any server starts, so that a mistake is
 * exit 2 at its file and line rather than a server started for nothing or a seed that never ends: row counts the
 * machine cannot hold or seed within the run's deadline, more clients than the server takes, and tables to seed
 * that the baseline does not create.
 */
final class InputChecks {

    /**
     * The least a row takes on disk in any engine here: PostgreSQL's tuple header (23 bytes, aligned to 24) and line
     * pointer (4) before any column, InnoDB's record header and transaction fields (18+); primary-key index apart.
     * A floor, so that a seed that fits is never refused.
     */
    static final long BYTES_PER_ROW_FLOOR = 32;
    /** Faster than any seed measured here (about 1M rows/s on PostgreSQL, 30k on MariaDB): a bound, not an ETA. */
    static final double FASTEST_ROWS_PER_SECOND = 5_000_000;
    /** The rehearsal's own sessions beside the workload: migration, probe, sampler, seed, long transaction, margin. */
    static final int OWN_SESSIONS = 10;

    private final Scenario scenario;
    private final Path file;

    private InputChecks(Scenario scenario) {
        this.scenario = scenario;
        this.file = scenario.source();
    }

    /** One row count to seed and where the user wrote it. */
    private record Request(String table, double rows, String where) {}

    static void check(Scenario scenario, Rehearsal.Inputs in, boolean ignoreCapacity) {
        InputChecks c = new InputChecks(scenario);
        c.clients(in.engine().maxConnections(scenario.provider()));
        List<Request> requests = c.requests(in.profile());
        c.tables(requests, in);
        if (!ignoreCapacity) c.capacity(requests);
    }

    /**
     * The seed's "unknown table" found on the server (where this reading of the baseline could not be sure), said at
     * the scenario's line or the flag that named the table.
     */
    static InvalidInputException locate(Scenario scenario, InvalidInputException e) {
        Matcher m = Pattern.compile("^seed: unknown table '([^']+)'; (.*)$").matcher(String.valueOf(e.getMessage()));
        if (!m.matches()) return e;
        Scenario.TableData t = scenario.data().tables().get(m.group(1));
        if (t == null) return e;
        return new InvalidInputException(new InputChecks(scenario).where(m.group(1), t.rows()) + ": table " + m.group(1)
                + " is not in the schema; " + m.group(2));
    }

    private void clients(Integer max) {
        Scenario.Load load = scenario.load();
        if (max == null || !load.enabled() || load.clients() + OWN_SESSIONS <= max) return;
        throw at(ScenarioLoader.line(file, "load", "clients"), "load.clients: " + load.clients() + " clients, but the "
                + scenario.provider().id() + " " + scenario.engine().kind().id() + " server takes " + max
                + " connections, " + OWN_SESSIONS + " of them the rehearsal's own; expected at most " + (max - OWN_SESSIONS));
    }

    /** Every table the seed will fill, with its rows after the profile's scale, the scenario's and flags' first. */
    private List<Request> requests(Profile profile) {
        List<Request> out = new ArrayList<>();
        Set<String> named = new HashSet<>();
        for (Map.Entry<String, Scenario.TableData> e : scenario.data().tables().entrySet()) {
            named.add(e.getKey().toLowerCase(Locale.ROOT));
            out.add(new Request(e.getKey(), e.getValue().rows(), where(e.getKey(), e.getValue().rows())));
        }
        for (Profile.TableSpec t : profile.tables().values()) {
            if (t.rows() == null || named.contains(t.name().toLowerCase(Locale.ROOT))) continue;
            double rows = t.rows() * profile.scale();
            String where = profile.scale() != 1.0 && ScenarioLoader.line(profile.file(), "scale") > 0
                    ? profile.file() + ":" + ScenarioLoader.line(profile.file(), "scale") + ": scale " + fmt(profile.scale())
                    + " × tables." + t.name() + ".rows"
                    : profile.file() + ":" + t.line() + ": tables." + t.name() + ".rows";
            out.add(new Request(t.name(), rows, where));
        }
        return out;
    }

    /** {@code file:line: data.tables.NAME} when the file says this count, else the flag that did. */
    private String where(String table, long rows) {
        String[] rowsKey = {"data", "tables", table, "rows"};
        String text = ScenarioLoader.text(file, rowsKey);
        int line = ScenarioLoader.line(file, rowsKey);
        if (text == null) {
            rowsKey = new String[]{"data", "tables", table};
            text = ScenarioLoader.text(file, rowsKey);
            line = ScenarioLoader.line(file, rowsKey);
        }
        try {
            if (text != null && RowCount.parse(text) == rows) return file + ":" + line + ": data.tables." + table;
        } catch (IllegalArgumentException ignored) {
            // the loader read it; a flag replaced it
        }
        return "--rows " + table;
    }

    private void capacity(List<Request> requests) {
        if (requests.isEmpty()) return;
        double total = requests.stream().mapToDouble(Request::rows).sum();
        Request largest = requests.stream().max(java.util.Comparator.comparingDouble(Request::rows)).orElseThrow();
        String count = requests.size() == 1 ? rows(total) : rows(largest.rows()) + " (" + rows(total) + " in all)";
        double seconds = total / FASTEST_ROWS_PER_SECOND;
        double deadline = scenario.deadlines().runMs() / 1000.0;
        if (seconds > deadline) {
            throw new InvalidInputException(largest.where() + ": " + count + " would take at least "
                    + duration(seconds) + " to seed (at " + rows(FASTEST_ROWS_PER_SECOND) + "/s, faster than any seed"
                    + " measured), past the run's deadline of " + duration(deadline)
                    + " (deadlines.run, --deadline); lower the row count, raise the deadline, or --ignore-capacity");
        }
        if (scenario.provider() != Provider.EMBEDDED) return; // the disk is the server's, not this machine's
        Path where = dev.rehearse.provision.RunDirectories.root();
        Path existing = where;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return;
        long free;
        try {
            free = Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            return; // unknown: the server says when it runs out
        }
        double need = total * BYTES_PER_ROW_FLOOR;
        if (need > free) {
            throw new InvalidInputException(largest.where() + ": " + count + " need at least " + bytes(need)
                    + " on disk (" + BYTES_PER_ROW_FLOOR + " bytes a row before any column), more than the " + bytes(free)
                    + " free under " + existing + "; lower the row count, or --ignore-capacity");
        }
    }

    // ---- the baseline's tables ----

    private static final String NAME = "(?:`[^`]+`|\"(?:[^\"]|\"\")+\"|[\\p{L}_][\\p{L}\\p{N}_$]*)";
    private static final String QUALIFIED = NAME + "(?:\\s*\\.\\s*" + NAME + ")*";
    private static final Pattern CREATE_TABLE = Pattern.compile("(?is)^create\\s+(?:or\\s+replace\\s+)?"
            + "(?:(?:global|local)\\s+)?(?:(?:temporary|temp|unlogged|foreign)\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?(" + QUALIFIED + ")");
    private static final Pattern RENAME = Pattern.compile("(?is)^alter\\s+table\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?("
            + QUALIFIED + ")\\s+rename\\s+to\\s+(" + QUALIFIED + ")\\s*;?\\s*$");
    private static final Pattern RENAME_TABLE = Pattern.compile("(?is)^rename\\s+table\\s+(.+)$");
    /** Statements that may create tables this reading cannot name: a table missing from it is then left to the seed. */
    private static final Pattern OPAQUE = Pattern.compile("(?is)^(?:do|select|call|execute|perform|with|import|"
            + "create\\s+extension|create\\s+schema\\s+.*\\bcreate\\b|create\\s+(?:or\\s+replace\\s+)?(?:procedure|function)"
            + "\\s.*\\bcreate\\s+table\\b|source|\\\\).*");

    private void tables(List<Request> requests, Rehearsal.Inputs in) {
        // an external server may hold tables already, which no file here creates: the seed checks on it
        if (requests.isEmpty() || scenario.provider() == Provider.EXTERNAL) return;
        Set<String> created = new HashSet<>();
        List<SqlStatement> baseline = new ArrayList<>(in.schema());
        for (Migration m : in.deployed()) baseline.addAll(m.statements());
        for (SqlStatement s : baseline) {
            String sql = s.sql().strip();
            Matcher m;
            if ((m = CREATE_TABLE.matcher(sql)).find()) {
                created.add(last(m.group(1)));
            } else if ((m = RENAME.matcher(sql)).find()) {
                created.add(last(m.group(2)));
            } else if ((m = RENAME_TABLE.matcher(sql)).find()) {
                for (String pair : m.group(1).split(",")) {
                    String[] parts = pair.trim().split("(?i)\\s+to\\s+");
                    if (parts.length == 2) created.add(last(parts[1].replaceAll("[;\\s]+$", "")));
                }
            } else if (OPAQUE.matcher(sql).matches()) {
                return; // a function, a block or an extension may create what no CREATE TABLE here names
            }
        }
        for (Request r : requests) {
            if (created.contains(last(r.table()))) continue;
            String have = created.isEmpty() ? "the baseline creates no table" + (in.schema().isEmpty() && in.deployed().isEmpty()
                    ? " (no schema and no deployed migration: give schema:, --schema, or a pending set)" : "")
                    : "the baseline creates " + String.join(", ", new java.util.TreeSet<>(created));
            throw new InvalidInputException(r.where() + ": table " + r.table() + " is not in the schema; " + have);
        }
    }

    /** The unquoted, lower-cased last part of a possibly qualified, possibly quoted name. */
    static String last(String qualified) {
        String q = qualified.strip();
        List<String> parts = new ArrayList<>();
        Matcher m = Pattern.compile(NAME).matcher(q);
        while (m.find()) parts.add(m.group());
        String name = parts.isEmpty() ? q : parts.get(parts.size() - 1);
        if (name.length() >= 2 && (name.charAt(0) == '"' || name.charAt(0) == '`')) {
            name = name.substring(1, name.length() - 1).replace("\"\"", "\"");
        }
        return name.toLowerCase(Locale.ROOT);
    }

    // ---- wording ----

    private InvalidInputException at(int line, String message) {
        return file == null ? new InvalidInputException(message) : InvalidInputException.at(file, line, message);
    }

    private static String rows(double n) {
        return n >= 1e15 ? String.format(Locale.ROOT, "%.3g rows", n)
                : String.format(Locale.ROOT, "%,d rows", Math.round(n));
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format(Locale.ROOT, "%.3g", d);
    }

    private static String duration(double seconds) {
        if (seconds < 120) return String.format(Locale.ROOT, "%.0f s", seconds);
        if (seconds < 7200 && seconds != 3600) return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        if (seconds < 172_800) return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
        if (seconds < 63_072_000) return String.format(Locale.ROOT, "%.0f days", seconds / 86_400);
        return String.format(Locale.ROOT, "%.3g years", seconds / 31_557_600);
    }

    private static String bytes(double b) {
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
        int u = 0;
        while (b >= 1000 && u < units.length - 1) {
            b /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, b >= 100 || u == 0 ? "%.0f %s" : "%.1f %s", b, units[u]);
    }
}
