package dev.rehearse;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Facts stamped into the jar at build time (rehearse-version.properties, filtered by Maven). */
public final class Version {

    private static final Properties BUILD = load();

    private Version() {}

    /** The tool's version. */
    public static String get() {
        return property("version", "unknown");
    }

    public static String property(String key, String fallback) {
        return BUILD.getProperty(key, fallback);
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/rehearse-version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            // An unreadable resource in our own jar: report unknown rather than fail the run.
        }
        return p;
    }
}
