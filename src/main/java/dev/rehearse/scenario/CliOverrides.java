package dev.rehearse.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the {@code run} flags say about the scenario, built with withers from {@link #NONE}: a flag not given stays
 * null and leaves the scenario's value. Applied with {@link ScenarioLoader#applyOverrides}. Paths are relative to the
 * current directory.
 */
public final class CliOverrides {

    public static final CliOverrides NONE = new CliOverrides(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null);

    private final String engine;
    private final String provider;
    private final String url;
    private final String user;
    private final String password;
    private final Boolean allowWrites;
    private final Path schemaFile;
    private final List<Path> migrations;
    private final String format;
    private final List<String> rows;
    private final Boolean noLoad;
    private final Boolean replica;
    private final Path out;
    private final String reportFormats;
    private final String failOn;
    private final String lockTimeout;
    private final Long seed;
    private final Path profile;
    private final Path workload;
    private final String longTransaction;

    private CliOverrides(String engine, String provider, String url, String user, String password,
            Boolean allowWrites, Path schemaFile, List<Path> migrations, String format, List<String> rows,
                    Boolean noLoad, Boolean replica, Path out, String reportFormats, String failOn,
                            String lockTimeout, Long seed, Path profile, Path workload, String longTransaction) {
        this.engine = engine;
        this.provider = provider;
        this.url = url;
        this.user = user;
        this.password = password;
        this.allowWrites = allowWrites;
        this.schemaFile = schemaFile;
        this.migrations = migrations;
        this.format = format;
        this.rows = rows;
        this.noLoad = noLoad;
        this.replica = replica;
        this.out = out;
        this.reportFormats = reportFormats;
        this.failOn = failOn;
        this.lockTimeout = lockTimeout;
        this.seed = seed;
        this.profile = profile;
        this.workload = workload;
        this.longTransaction = longTransaction;
    }

    /** {@code --engine} */
    public String engine() {
        return engine;
    }

    public CliOverrides withEngine(String engine) {
        return new CliOverrides(engine, this.provider, this.url, this.user, this.password, this.allowWrites,
                this.schemaFile, this.migrations, this.format, this.rows, this.noLoad, this.replica, this.out,
                        this.reportFormats, this.failOn, this.lockTimeout, this.seed, this.profile, this.workload,
                                this.longTransaction);
    }

    /** {@code --provider} */
    public String provider() {
        return provider;
    }

    public CliOverrides withProvider(String provider) {
        return new CliOverrides(this.engine, provider, this.url, this.user, this.password, this.allowWrites,
                this.schemaFile, this.migrations, this.format, this.rows, this.noLoad, this.replica, this.out,
                        this.reportFormats, this.failOn, this.lockTimeout, this.seed, this.profile, this.workload,
                                this.longTransaction);
    }

    /** {@code --url} */
    public String url() {
        return url;
    }

    public CliOverrides withUrl(String url) {
        return new CliOverrides(this.engine, this.provider, url, this.user, this.password, this.allowWrites,
                this.schemaFile, this.migrations, this.format, this.rows, this.noLoad, this.replica, this.out,
                        this.reportFormats, this.failOn, this.lockTimeout, this.seed, this.profile, this.workload,
                                this.longTransaction);
    }

    /** {@code --user} */
    public String user() {
        return user;
    }

    public CliOverrides withUser(String user) {
        return new CliOverrides(this.engine, this.provider, this.url, user, this.password, this.allowWrites,
                this.schemaFile, this.migrations, this.format, this.rows, this.noLoad, this.replica, this.out,
                        this.reportFormats, this.failOn, this.lockTimeout, this.seed, this.profile, this.workload,
                                this.longTransaction);
    }

    /** {@code --password} */
    public String password() {
        return password;
    }

    public CliOverrides withPassword(String password) {
        return new CliOverrides(this.engine, this.provider, this.url, this.user, password, this.allowWrites,
                this.schemaFile, this.migrations, this.format, this.rows, this.noLoad, this.replica, this.out,
                        this.reportFormats, this.failOn, this.lockTimeout, this.seed, this.profile, this.workload,
                                this.longTransaction);
    }

    /** {@code --allow-writes} */
    public Boolean allowWrites() {
        return allowWrites;
    }

    public CliOverrides withAllowWrites(Boolean allowWrites) {
        return new CliOverrides(this.engine, this.provider, this.url, this.user, this.password, allowWrites,
                this.schemaFile, this.migrations, this.format, this.rows, this.noLoad, this.replica, this.out,
                        this.reportFormats, this.failOn, this.lockTimeout, this.seed, this.profile, this.workload,
                                this.longTransaction);
    }

    /** {@code --schema} */
    public Path schemaFile() {
        return schemaFile;
    }

    public CliOverrides withSchemaFile(Path schemaFile) {
        return new CliOverrides(this.engine, this.provider, this.url, this.user, this.password, this.allowWrites,
                schemaFile, this.migrations, this.format, this.rows, this.noLoad, this.replica, this.out,
                        this.reportFormats, this.failOn, this.lockTimeout, this.seed, this.profile, this.workload,
                                this.longTransaction);
    }

    /** {@code --migrations} */
    public List<Path> migrations() {
        return migrations;
    }

    public CliOverrides withMigrations(List<Path> migrations) {
        return new CliOverrides(this.engine, this.provider, this.url, this.user, this.password, this.allowWrites,
                this.schemaFile, migrations, this.format, this.rows, this.noLoad, this.replica, this.out,
                        this.reportFormats, this.failOn, this.lockTimeout, this.seed, this.profile, this.workload,
                                this.longTransaction);
    }

    /** {@code --format} */
    public String format() {
        return format;
    }

    public CliOverrides withFormat(String format) {
        return new CliOverrides(this.engine, this.provider, this.url, this.user, this.password, this.allowWrites,
                this.schemaFile, this.migrations, format, this.rows, this.noLoad, this.replica, this.out,
                        this.reportFormats, this.failOn, this.lockTimeout, this.seed, this.profile, this.workload,
                                this.longTransaction);
    }

    /** {@code --rows TABLE=N entries} */
    public List<String> rows() {
        return rows;
    }

    public CliOverrides withRows(List<String> rows) {
        return new CliOverrides(this.engine, this.provider, this.url, this.user, this.password, this.allowWrites,
                this.schemaFile, this.migrations, this.format, rows, this.noLoad, this.replica, this.out,
                        this.reportFormats, this.failOn, this.lockTimeout, this.seed, this.profile, this.workload,
                                this.longTransaction);
    }

    /** {@code --no-load} */
    public Boolean noLoad() {
        return noLoad;
    }

    public CliOverrides withNoLoad(Boolean noLoad) {
        return new CliOverrides(this.engine, this.provider, this.url, this.user, this.password, this.allowWrites,
                this.schemaFile, this.migrations, this.format, this.rows, noLoad, this.replica, this.out,
                        this.reportFormats, this.failOn, this.lockTimeout, this.seed, this.profile, this.workload,
                                this.longTransaction);
    }

    /** {@code --replica} */
    public Boolean replica() {
        return replica;
    }

    public CliOverrides withReplica(Boolean replica) {
        return new CliOverrides(this.engine, this.provider, this.url, this.user, this.password, this.allowWrites,
                this.schemaFile, this.migrations, this.format, this.rows, this.noLoad, replica, this.out,
                        this.reportFormats, this.failOn, this.lockTimeout, this.seed, this.profile, this.workload,
                                this.longTransaction);
    }

    /** {@code --out} */
    public Path out() {
        return out;
    }

    public CliOverrides withOut(Path out) {
        return new CliOverrides(this.engine, this.provider, this.url, this.user, this.password, this.allowWrites,
                this.schemaFile, this.migrations, this.format, this.rows, this.noLoad, this.replica, out,
                        this.reportFormats, this.failOn, this.lockTimeout, this.seed, this.profile, this.workload,
                                this.longTransaction);
    }

    /** {@code --report, comma-separated} */
    public String reportFormats() {
        return reportFormats;
    }

    public CliOverrides withReportFormats(String reportFormats) {
        return new CliOverrides(this.engine, this.provider, this.url, this.user, this.password, this.allowWrites,
                this.schemaFile, this.migrations, this.format, this.rows, this.noLoad, this.replica, this.out,
                        reportFormats, this.failOn, this.lockTimeout, this.seed, this.profile, this.workload,
                                this.longTransaction);
    }

    /** {@code --fail-on} */
    public String failOn() {
        return failOn;
    }

    public CliOverrides withFailOn(String failOn) {
        return new CliOverrides(this.engine, this.provider, this.url, this.user, this.password, this.allowWrites,
                this.schemaFile, this.migrations, this.format, this.rows, this.noLoad, this.replica, this.out,
                        this.reportFormats, failOn, this.lockTimeout, this.seed, this.profile, this.workload,
                                this.longTransaction);
    }

    /** {@code --lock-timeout, a duration such as 5s} */
    public String lockTimeout() {
        return lockTimeout;
    }

    public CliOverrides withLockTimeout(String lockTimeout) {
        return new CliOverrides(this.engine, this.provider, this.url, this.user, this.password, this.allowWrites,
                this.schemaFile, this.migrations, this.format, this.rows, this.noLoad, this.replica, this.out,
                        this.reportFormats, this.failOn, lockTimeout, this.seed, this.profile, this.workload,
                                this.longTransaction);
    }

    /** {@code --seed} */
    public Long seed() {
        return seed;
    }

    public CliOverrides withSeed(Long seed) {
        return new CliOverrides(this.engine, this.provider, this.url, this.user, this.password, this.allowWrites,
                this.schemaFile, this.migrations, this.format, this.rows, this.noLoad, this.replica, this.out,
                        this.reportFormats, this.failOn, this.lockTimeout, seed, this.profile, this.workload,
                                this.longTransaction);
    }

    /** {@code --profile, a data profile file} */
    public Path profile() {
        return profile;
    }

    public CliOverrides withProfile(Path profile) {
        return new CliOverrides(this.engine, this.provider, this.url, this.user, this.password, this.allowWrites,
                this.schemaFile, this.migrations, this.format, this.rows, this.noLoad, this.replica, this.out,
                        this.reportFormats, this.failOn, this.lockTimeout, this.seed, profile, this.workload,
                                this.longTransaction);
    }

    /** {@code --workload, a YAML list of the application's queries} */
    public Path workload() {
        return workload;
    }

    public CliOverrides withWorkload(Path workload) {
        return new CliOverrides(this.engine, this.provider, this.url, this.user, this.password, this.allowWrites,
                this.schemaFile, this.migrations, this.format, this.rows, this.noLoad, this.replica, this.out,
                        this.reportFormats, this.failOn, this.lockTimeout, this.seed, this.profile, workload,
                                this.longTransaction);
    }

    /** {@code --long-transaction, a duration such as 5s} */
    public String longTransaction() {
        return longTransaction;
    }

    public CliOverrides withLongTransaction(String longTransaction) {
        return new CliOverrides(this.engine, this.provider, this.url, this.user, this.password, this.allowWrites,
                this.schemaFile, this.migrations, this.format, this.rows, this.noLoad, this.replica, this.out,
                        this.reportFormats, this.failOn, this.lockTimeout, this.seed, this.profile, this.workload,
                                longTransaction);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CliOverrides c && Objects.equals(engine, c.engine) && Objects.equals(provider,
                c.provider) && Objects.equals(url, c.url) && Objects.equals(user, c.user) && Objects.equals(password,
                        c.password) && Objects.equals(allowWrites, c.allowWrites) && Objects.equals(schemaFile,
                                c.schemaFile) && Objects.equals(migrations, c.migrations) && Objects.equals(format,
                                        c.format) && Objects.equals(rows, c.rows) && Objects.equals(noLoad,
                                                c.noLoad) && Objects.equals(replica,
                                                        c.replica) && Objects.equals(out,
                                                                c.out) && Objects.equals(reportFormats,
                                                                        c.reportFormats) && Objects.equals(failOn,
                                                                                c.failOn) && Objects.equals(lockTimeout, c.lockTimeout) && Objects.equals(seed, c.seed) && Objects.equals(profile, c.profile) && Objects.equals(workload, c.workload) && Objects.equals(longTransaction, c.longTransaction);
    }

    @Override
    public int hashCode() {
        return Objects.hash(engine, provider, url, user, password, allowWrites, schemaFile, migrations, format, rows,
                noLoad, replica, out, reportFormats, failOn, lockTimeout, seed, profile, workload, longTransaction);
    }
}
