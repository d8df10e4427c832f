package dev.rehearse.scenario;

import java.nio.file.Path;
import java.util.List;

/**
 * What the {@code run} flags say about the scenario; null means the flag was not given, so bind picocli
 * options to boxed types ({@code Boolean}, {@code Long}) and lists that stay null when absent.
 * Applied with {@link ScenarioLoader#applyOverrides}. Paths are relative to the current directory.
 *
 * @param rows {@code TABLE=N} entries from {@code --rows}
 * @param reportFormats {@code --report}, comma-separated
 * @param lockTimeout {@code --lock-timeout}, a duration such as {@code 5s}
 * @param profile {@code --profile}, a data profile file
 */
public record CliOverrides(
        String engine,
        String provider,
        String url,
        String user,
        String password,
        Boolean allowWrites,
        Path schemaFile,
        List<Path> migrations,
        String format,
        List<String> rows,
        Boolean noLoad,
        Boolean replica,
        Path out,
        String reportFormats,
        String failOn,
        String lockTimeout,
        Long seed,
        Path profile) {

    public static final CliOverrides NONE = new CliOverrides(
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    /** Without {@code --profile}. */
    public CliOverrides(String engine, String provider, String url, String user, String password, Boolean allowWrites,
                        Path schemaFile, List<Path> migrations, String format, List<String> rows, Boolean noLoad,
                        Boolean replica, Path out, String reportFormats, String failOn, String lockTimeout, Long seed) {
        this(engine, provider, url, user, password, allowWrites, schemaFile, migrations, format, rows, noLoad, replica,
                out, reportFormats, failOn, lockTimeout, seed, null);
    }
}
