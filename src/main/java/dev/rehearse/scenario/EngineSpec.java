package dev.rehearse.scenario;

import java.util.Locale;

/**
 * The engine a rehearsal targets, as the user wrote it: {@code postgres:16}, {@code postgres:16.4},
 * {@code mysql:8.0}, {@code mariadb:10.11}.
 */
public record EngineSpec(Kind kind, String version) {

    public enum Kind {
        POSTGRES, MYSQL, MARIADB;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final EngineSpec DEFAULT = new EngineSpec(Kind.POSTGRES, "16");

    /** Parses {@code kind:version}; a bare kind takes that kind's default version. */
    public static EngineSpec parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int colon = t.indexOf(':');
        String kindText = colon < 0 ? t : t.substring(0, colon);
        String version = colon < 0 ? null : t.substring(colon + 1);
        Kind kind = switch (kindText) {
            case "postgres", "postgresql", "pg" -> Kind.POSTGRES;
            case "mysql" -> Kind.MYSQL;
            case "mariadb" -> Kind.MARIADB;
            default -> throw new IllegalArgumentException(
                    "unknown engine '" + text + "'; expected postgres:10..18, mysql:8.0 or mariadb:10.11");
        };
        if (version == null || version.isEmpty()) {
            version = switch (kind) {
                case POSTGRES -> "16";
                case MYSQL -> "8.0";
                case MARIADB -> "10.11";
            };
        }
        if (!version.matches("\\d{1,4}(\\.\\d{1,4}){0,2}")) {
            throw new IllegalArgumentException("invalid engine version '" + version + "' in '" + text
                    + "'; expected digits such as 16 or 16.4");
        }
        return new EngineSpec(kind, version);
    }

    /** The version as engines compare it; parts left out are the newest of their line. */
    public ServerVersion serverVersion() {
        return ServerVersion.parse(version);
    }

    public int major() {
        return Integer.parseInt(version.split("\\.")[0]);
    }

    @Override
    public String toString() {
        return kind.id() + ":" + version;
    }
}
