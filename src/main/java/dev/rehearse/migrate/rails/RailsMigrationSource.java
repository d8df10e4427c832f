package dev.rehearse.migrate.rails;

import dev.rehearse.InvalidInputException;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.SqlSplitException;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.TransactionMode;
import dev.rehearse.scenario.EngineSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Rails migrations: {@code db/migrate/<timestamp>_<name>.rb} (and {@code db/post_migrate}, the folders given), ordered
 * by timestamp as ActiveRecord's Migrator orders them, parsed with JRuby's parser (no Ruby installed) and translated to
 * the SQL ActiveRecord sends for the run's engine ({@link RailsTranslator}). On PostgreSQL a migration is one
 * transaction, as ActiveRecord wraps it, unless it says {@code disable_ddl_transaction!}; on MySQL/MariaDB every
 * statement commits on its own (ActiveRecord's MySQL adapter has no DDL transactions). The down is the {@code down}
 * method, or {@code change} inverted; a call that cannot be translated is a problem at its line, never skipped.
 * The deploy's {@code lock_timeout}/{@code statement_timeout} from {@code config/database.yml} ({@code variables:})
 * or a strong_migrations initializer lead each migration as the {@code SET} statements the connection sends.
 */
public final class RailsMigrationSource implements MigrationSource {

    /** Migrator's MigrationFilenameRegexp: {@code <version>_<name>[.<scope>].rb} (an engine's copied migrations carry a scope). */
    static final Pattern FILE = Pattern.compile("([0-9]+)_([_a-z0-9]*)\\.?([_a-z0-9]*)?\\.rb");

    @Override
    public String format() {
        return "rails";
    }

    @Override
    public boolean detect(Path path) {
        if (Files.isRegularFile(path)) return FILE.matcher(path.getFileName().toString()).matches();
        return !files(path).isEmpty();
    }

    @Override
    public List<Migration> read(List<Path> paths, Context context) {
        EngineSpec engine = context.engine() == null ? EngineSpec.DEFAULT : context.engine();
        ActiveRecordSql.Adapter adapter = engine.kind() == EngineSpec.Kind.POSTGRES
                ? ActiveRecordSql.Adapter.POSTGRES : ActiveRecordSql.Adapter.MYSQL;
        RailsTranslator translator = new RailsTranslator(adapter);
        record Found(Path file, String name, String version) {}
        List<Found> found = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.exists(path)) throw new InvalidInputException(path + ": no such migration file or directory");
            if (Files.isDirectory(path)) {
                List<Path> files = files(path);
                if (files.isEmpty()) {
                    throw new InvalidInputException(path + ": no Rails migrations (<timestamp>_<name>.rb) in this directory");
                }
                for (Path f : files) found.add(new Found(f, path.relativize(f).toString(), version(f)));
            } else {
                if (!FILE.matcher(path.getFileName().toString()).matches()) {
                    throw new InvalidInputException(path + ": not a Rails migration; expected <timestamp>_<name>.rb");
                }
                found.add(new Found(path, path.getFileName().toString(), version(path)));
            }
        }
        // Migrator runs pending migrations by version, whichever folder holds them
        found.sort(Comparator.comparing((Found f) -> new java.math.BigInteger(f.version())).thenComparing(Found::name));
        List<SqlStatement> timeouts = RailsTimeouts.find(paths, adapter);
        List<Migration> out = new ArrayList<>();
        for (Found f : found) out.add(read(f.file(), f.name(), f.version(), translator, adapter, context, timeouts));
        return out;
    }

    private static String version(Path f) {
        Matcher m = FILE.matcher(f.getFileName().toString());
        if (!m.matches()) throw new IllegalStateException(f.toString());
        return m.group(1);
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir, 2)) {
            return s.filter(Files::isRegularFile).filter(p -> FILE.matcher(p.getFileName().toString()).matches()).toList();
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot list migrations: " + e.getMessage());
        }
    }

    private static Migration read(Path file, String name, String version, RailsTranslator translator,
                                  ActiveRecordSql.Adapter adapter, Context context, List<SqlStatement> timeouts) {
        String text = dev.rehearse.migrate.ScriptText.read(file);
        RailsTranslator.Translation t = translator.translate(Ruby.parse(file, text));
        if (t == null) {
            throw new InvalidInputException(file + ": no migration class (class ... < ActiveRecord::Migration[x.y]) in this file");
        }
        // ActiveRecord wraps a migration in a transaction where the adapter supports DDL transactions (PostgreSQL)
        TransactionMode mode = adapter == ActiveRecordSql.Adapter.POSTGRES && !t.ddlTransactionDisabled()
                ? TransactionMode.TRANSACTION : TransactionMode.AUTOCOMMIT;
        List<SqlStatement> up = statements(file, t.up(), context, timeouts, t.classLine());
        List<Migration.Unit> units = List.of(new Migration.Unit(up, mode));
        List<Migration.Unit> down = List.of();
        if (t.down() != null) {
            down = List.of(new Migration.Unit(statements(file, t.down(), context, timeouts, t.classLine()), mode));
        }
        return new Migration(name, file, version, units, t.down() == null ? null : file, down, t.up().problems());
    }

    private static List<SqlStatement> statements(Path file, RailsTranslator.Direction d, Context context,
                                                 List<SqlStatement> timeouts, int classLine) {
        List<SqlStatement> out = new ArrayList<>();
        for (SqlStatement s : timeouts) out.add(new SqlStatement(s.sql(), classLine, s.kind()));
        for (RailsTranslator.Sql s : d.sql()) {
            boolean raw = s.sql().startsWith("\u0000");
            String sql = raw ? s.sql().substring(1) : s.sql();
            try {
                for (SqlStatement st : context.splitter().split(sql)) {
                    int line = raw ? s.line() + st.line() - 1 : s.line();
                    out.add(new SqlStatement(st.sql(), line, st.kind(), st.comments()));
                }
            } catch (SqlSplitException e) {
                throw InvalidInputException.at(file, s.line() + e.line() - 1, e.getMessage());
            }
        }
        return out;
    }
}
