package dev.rehearse;

import dev.rehearse.fix.FileChange;
import dev.rehearse.model.Report;
import dev.rehearse.provision.Cleanup;
import dev.rehearse.provision.RunDirectories;
import dev.rehearse.scenario.Scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * {@code fix --rehearse}: the original set and the fixed set, each rehearsed by {@link Rehearsal} from the same
 * scenario (same engine, schema, seed and workload), the fixed set from a copy of the migrations with the fix
 * written into it, so nothing in the user's tree changes until the fix is proven.
 */
public final class FixRehearsal {

    private FixRehearsal() {}

    public record Outcome(Report original, Report fixed, Set<String> fixedNames) {}

    /**
     * @param paths the migration paths as given (files or folders)
     * @param changes what the fix writes, under those paths
     * @param pending the original set's pending migrations (null: every migration, as run without a pending set)
     * @param pendingNames the names of the pending migrations, which the fixed set's pending set keeps, with the new files
     */
    public static Outcome run(Scenario scenario, List<Path> paths, List<FileChange> changes, Predicate<dev.rehearse.migrate.Migration> pending,
                              Set<String> pendingNames, Consumer<String> progress, Set<String> exclude) {
        Path copy;
        try {
            copy = Files.createTempDirectory("rehearse-fix-");
        } catch (IOException e) {
            throw new RehearsalFailedException("fix --rehearse: cannot create a directory for the fixed set: " + e.getMessage(), e);
        }
        try (Cleanup.Registration removed = Cleanup.register("the fixed set's copy " + copy, () -> RunDirectories.deleteTree(copy))) {
            List<Path> fixedPaths = new ArrayList<>();
            List<FileChange> moved = new ArrayList<>(changes);
            Set<String> created = new java.util.HashSet<>();
            for (int i = 0; i < paths.size(); i++) {
                Path from = paths.get(i).toAbsolutePath().normalize();
                Path to = copy.resolve(String.valueOf(i)).resolve(from.getFileName().toString());
                copyTree(from, to);
                fixedPaths.add(to);
                for (int c = 0; c < moved.size(); c++) {
                    FileChange ch = moved.get(c);
                    Path abs = ch.path().toAbsolutePath().normalize();
                    Path root = Files.isDirectory(from) ? from : from.getParent();
                    if (abs.startsWith(root) && (Files.isDirectory(from) || abs.getParent().equals(root))) {
                        moved.set(c, ch.movedTo(root, Files.isDirectory(from) ? to : to.getParent()));
                        // as the sources name a migration: its path below the folder given (Prisma: <dir>/migration.sql)
                        if (ch.before() == null) created.add(root.relativize(abs).toString().replace('\\', '/'));
                    }
                }
            }
            for (FileChange ch : moved) ch.write();
            Scenario.Migrations mg = scenario.migrations();
            progress.accept("fix: rehearsing the original set");
            Report original = rehearse(scenario, mg, paths, pending, progress, exclude);
            progress.accept("fix: rehearsing the fixed set on the same seed and workload");
            Predicate<dev.rehearse.migrate.Migration> fixedPending = pending == null ? null
                    : m -> pendingNames.contains(m.name()) || created.contains(m.name());
            // a set the fix writes into a file that runs alone, given directly, is still judged as one set
            List<Path> fixedRun = new ArrayList<>(fixedPaths);
            for (Path p : fixedPaths) {
                if (!Files.isDirectory(p)) {
                    for (String n : created) {
                        Path sibling = p.resolveSibling(n);
                        if (Files.exists(sibling) && !fixedRun.contains(sibling)) fixedRun.add(sibling);
                    }
                }
            }
            Report fixed = rehearse(scenario, mg, fixedRun, fixedPending, progress, exclude);
            Set<String> names = new java.util.HashSet<>(pendingNames);
            for (Report.StatementReport s : fixed.statements()) {
                if (created.contains(s.migration())) names.add(s.migration());
            }
            return new Outcome(original, fixed, names);
        }
    }

    private static Report rehearse(Scenario scenario, Scenario.Migrations mg, List<Path> paths,
                                   Predicate<dev.rehearse.migrate.Migration> pending, Consumer<String> progress, Set<String> exclude) {
        Scenario s = scenario.withMigrations(mg.at(paths, mg.format()));
        return new Rehearsal(s, progress, exclude).withPending(pending).run().report();
    }

    private static void copyTree(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            if (!Files.isDirectory(from)) {
                Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                return;
            }
            try (Stream<Path> all = Files.walk(from)) {
                for (Path p : all.toList()) {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) Files.createDirectories(target);
                    else Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("fix --rehearse: cannot copy " + from + ": " + e.getMessage(), e);
        }
    }
}
