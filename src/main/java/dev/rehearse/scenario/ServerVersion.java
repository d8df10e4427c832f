package dev.rehearse.scenario;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server version as engines compare it: MySQL's cut-offs are patch releases (8.0.29), PostgreSQL's are majors.
 * A part the user left out stands for the newest release of that line, so {@code 8.0} is at least 8.0.29 and
 * {@code 16} is at least 16.4, as a bare version pins the newest release.
 */
public record ServerVersion(int major, int minor, int patch) implements Comparable<ServerVersion> {

    /** A part left out: the newest of its line. */
    public static final int NEWEST = Integer.MAX_VALUE;

    /** Newer than any release: for what does not depend on the version (a rule catalog, connection properties). */
    public static final ServerVersion LATEST = new ServerVersion(NEWEST, NEWEST, NEWEST);

    private static final Pattern LEADING = Pattern.compile("^\\s*(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?");

    /** Reads the leading dotted digits: {@code 16}, {@code 16.15 (Debian ...)}, {@code 10.11.6-MariaDB-log}. */
    public static ServerVersion parse(String text) {
        Matcher m = LEADING.matcher(text == null ? "" : text);
        if (!m.find()) throw new IllegalArgumentException("not a server version: '" + text + "'");
        return new ServerVersion(Integer.parseInt(m.group(1)), part(m.group(2)), part(m.group(3)));
    }

    private static int part(String digits) {
        return digits == null ? NEWEST : Integer.parseInt(digits);
    }

    public boolean atLeast(int major) {
        return this.major >= major;
    }

    public boolean atLeast(int major, int minor, int patch) {
        return compareTo(new ServerVersion(major, minor, patch)) >= 0;
    }

    @Override
    public int compareTo(ServerVersion o) {
        if (major != o.major) return Integer.compare(major, o.major);
        if (minor != o.minor) return Integer.compare(minor, o.minor);
        return Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + (minor == NEWEST ? "" : "." + minor + (patch == NEWEST ? "" : "." + patch));
    }
}
