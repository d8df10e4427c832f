package dev.rehearse.migrate.rails;

import dev.rehearse.engine.Engines;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

class RailsDumpTest {
    @Test
    void dump() {
        String dir = System.getProperty("rails.dump", "src/test/resources/sources/rails/app/db/migrate");
        EngineSpec spec = EngineSpec.parse(System.getProperty("rails.engine", "postgres:16"));
        long t0 = System.nanoTime();
        List<Migration> ms = new RailsMigrationSource().read(List.of(Path.of(dir)),
                new MigrationSource.Context(Engines.dialect(spec).splitter(), Scenario.Transaction.AUTO, spec));
        System.out.printf("read %d in %.0f ms%n", ms.size(), (System.nanoTime() - t0) / 1e6);
        if (Boolean.getBoolean("rails.quiet")) return;
        for (Migration m : ms) {
            System.out.println("== " + m.name() + " v" + m.version() + " " + m.units().get(0).mode());
            m.statements().forEach(s -> System.out.println("  " + s.line() + " " + s.kind() + " " + s.sql()));
            m.problems().forEach(p -> System.out.println("  PROBLEM " + p));
            for (Migration.Unit u : m.down()) u.statements().forEach(s -> System.out.println("  DOWN " + s.line() + " " + s.sql()));
        }
    }
}
