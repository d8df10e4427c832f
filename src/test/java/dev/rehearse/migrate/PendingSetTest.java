package dev.rehearse.migrate;

import dev.rehearse.InvalidInputException;
import dev.rehearse.engine.Engines;
import dev.rehearse.scenario.EngineSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which migrations ship: by path, after a version, or changed since a git ref (in a real repository). */
class PendingSetTest {

    private static List<Migration> read(Path dir) {
        return new SqlMigrationSource(Engines.dialect(EngineSpec.parse("postgres:16")).splitter()).read(List.of(dir));
    }

    private static List<String> names(List<Migration> ms, Predicate<Migration> pending) {
        return ms.stream().filter(pending).map(Migration::name).toList();
    }

    @Test
    void versionsComeFromTheNameAndAFolderMigrationsDownSqlIsItsRollback(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V2__b.sql"), "SELECT 2;");
        Files.writeString(dir.resolve("V10__c.sql"), "SELECT 10;");
        Files.createDirectories(dir.resolve("20240101120000_add"));
        Files.writeString(dir.resolve("20240101120000_add/up.sql"), "SELECT 1;");
        Files.writeString(dir.resolve("20240101120000_add/down.sql"), "SELECT -1;");
        List<Migration> ms = read(dir);
        assertThat(ms).extracting(Migration::version).containsExactly("20240101120000", "2", "10"); // digits sort first
        assertThat(ms.get(0).rollback()).isEqualTo(dir.resolve("20240101120000_add/down.sql"));
        assertThat(ms).extracting(Migration::name).doesNotContain("20240101120000_add/down.sql");
    }

    @Test
    void pendingByPathOrAfterAVersion(@TempDir Path dir) throws Exception {
        for (String n : List.of("V1__a.sql", "V2__b.sql", "V10__c.sql")) Files.writeString(dir.resolve(n), "SELECT 1;");
        List<Migration> ms = read(dir);
        assertThat(PendingSet.of(null, null, null)).isNull();
        assertThat(names(ms, PendingSet.of(List.of(dir.resolve("V10__c.sql")), null, null))).containsExactly("V10__c.sql");
        assertThat(names(ms, PendingSet.of(List.of(), "2", null))).containsExactly("V10__c.sql");
        assertThat(names(ms, PendingSet.of(List.of(dir.resolve("V1__a.sql")), "2", null))).containsExactly("V1__a.sql", "V10__c.sql");
        assertThatThrownBy(() -> PendingSet.of(List.of(dir.resolve("nope")), null, null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--pending");
        assertThatThrownBy(() -> PendingSet.of(null, "latest", null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void pendingIsWhatChangedSinceAGitRef(@TempDir Path repo) throws Exception {
        git(repo, "init", "-q");
        git(repo, "config", "user.email", "t@example.org");
        git(repo, "config", "user.name", "t");
        Path dir = Files.createDirectories(repo.resolve("db"));
        Files.writeString(dir.resolve("V1__a.sql"), "SELECT 1;");
        Files.writeString(dir.resolve("V2__b.sql"), "SELECT 2;");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "base");
        Files.writeString(dir.resolve("V2__b.sql"), "SELECT 22;");  // changed
        Files.writeString(dir.resolve("V3__c.sql"), "SELECT 3;");   // untracked
        Predicate<Migration> pending = inDir(repo, () -> PendingSet.of(null, null, "HEAD"));
        assertThat(names(read(dir), pending)).containsExactly("V2__b.sql", "V3__c.sql");
        assertThatThrownBy(() -> inDir(repo, () -> PendingSet.of(null, null, "no-such-ref")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--changed-since");
    }

    /** git runs in the working directory, as the CLI does; tests point it at their repository through GIT_DIR. */
    private static <T> T inDir(Path repo, java.util.function.Supplier<T> body) {
        String old = System.getProperty("rehearse.git.dir");
        System.setProperty("rehearse.git.dir", repo.toString());
        try {
            return body.get();
        } finally {
            if (old == null) System.clearProperty("rehearse.git.dir");
            else System.setProperty("rehearse.git.dir", old);
        }
    }

    private static void git(Path repo, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as(String.join(" ", args)).isTrue();
    }
}
