package dev.rehearse.migrate;

import dev.rehearse.InvalidInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Which migrations are being shipped, as the user says it: files or folders ({@code --pending}), everything after
 * a version ({@code --from}), or what git says changed since a ref ({@code --changed-since}, what a PR check
 * wants). A migration is pending when any of the given ways says so; the rest is the deployed state.
 */
public final class PendingSet {

    private PendingSet() {}

    /** Null when none is given: each migration is then pending on its own. */
    public static Predicate<Migration> of(List<Path> paths, String fromVersion, String changedSince) {
        List<Predicate<Migration>> ways = new ArrayList<>();
        if (paths != null && !paths.isEmpty()) {
            List<Path> roots = new ArrayList<>();
            for (Path p : paths) {
                if (!p.toFile().exists()) throw new InvalidInputException("--pending: no such file or directory '" + p + "'");
                roots.add(p.toAbsolutePath().normalize());
            }
            ways.add(m -> m.file() != null && roots.stream().anyMatch(r -> m.file().toAbsolutePath().normalize().startsWith(r)));
        }
        if (fromVersion != null) {
            if (!fromVersion.matches(".*\\d.*")) throw new InvalidInputException("--from: '" + fromVersion + "' is not a version");
            // a migration with no version of its own (a repeatable one) is judged: it runs again at every deploy
            ways.add(m -> m.version() == null || NaturalOrder.INSTANCE.compare(m.version(), fromVersion) > 0);
        }
        if (changedSince != null) {
            Set<Path> changed = changedSince(changedSince);
            ways.add(m -> m.file() != null && changed.contains(m.file().toAbsolutePath().normalize()));
        }
        if (ways.isEmpty()) return null;
        return m -> ways.stream().anyMatch(w -> w.test(m));
    }

    /** Files added or changed since {@code ref} in the working tree's repository, and files git does not track yet. */
    static Set<Path> changedSince(String ref) {
        Path top = Path.of(git("rev-parse", "--show-toplevel").strip());
        Set<Path> out = new HashSet<>();
        for (String line : git("diff", "--name-only", "--diff-filter=ACMR", ref, "--").split("\n")) {
            if (!line.isBlank()) out.add(top.resolve(line.strip()).normalize());
        }
        for (String line : git("ls-files", "--others", "--exclude-standard", "--full-name", ":/").split("\n")) {
            if (!line.isBlank()) out.add(top.resolve(line.strip()).normalize());
        }
        return out;
    }

    private static String git(String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        // the repository of the working directory, as a CI job runs it; tests name theirs
        String dir = System.getProperty("rehearse.git.dir");
        if (dir != null) command.addAll(List.of("-C", dir));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new InvalidInputException("--changed-since: git " + String.join(" ", args) + " failed: "
                        + out.strip().lines().findFirst().orElse("exit " + p.exitValue()));
            }
            return out;
        } catch (IOException e) {
            throw new InvalidInputException("--changed-since needs git on the PATH: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidInputException("--changed-since: interrupted");
        }
    }
}
