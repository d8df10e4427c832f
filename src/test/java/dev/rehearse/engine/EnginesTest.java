package dev.rehearse.engine;

import dev.rehearse.InvalidInputException;
import dev.rehearse.analyze.Rules;
import dev.rehearse.migrate.ErrorClass;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.EngineSpec.Kind;
import dev.rehearse.scenario.ServerVersion;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine registry as the pipeline meets it: found through ServiceLoader, looked up by kind and by URL. */
class EnginesTest {

    @Test
    void everyKindHasAnEngineAndADialect() {
        assertThat(Engines.all()).extracting(Engine::kind).containsExactly(Kind.POSTGRES, Kind.MYSQL, Kind.MARIADB);
        for (Kind k : Kind.values()) {
            var d = Engines.of(k).dialect(ServerVersion.LATEST);
            assertThat(d.kind()).isEqualTo(k);
            assertThat(d.rules()).isNotEmpty().allMatch(r -> r.covers(k));
        }
        assertThat(Rules.ALL).extracting(r -> r.id()).doesNotHaveDuplicates();
    }

    @Test
    void everyEngineRunsInThisBuild() {
        for (Kind k : Kind.values()) assertThat(Engines.runtime(k)).isNotNull();
        assertThat(Engines.of(Kind.MYSQL).versions()).contains("5.7", "8.0", "8.4", "9.x");
    }

    @Test
    void urlsFindTheirEngine() {
        assertThat(Engines.ofUrl("jdbc:postgresql://db:5432/app").kind()).isEqualTo(Kind.POSTGRES);
        assertThat(Engines.ofUrl("jdbc:mysql://db/app").kind()).isEqualTo(Kind.MYSQL);
        assertThat(Engines.ofUrl("jdbc:mariadb://db/app").kind()).isEqualTo(Kind.MARIADB);
        assertThatThrownBy(() -> Engines.ofUrl("jdbc:sqlserver://db;databaseName=app")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("jdbc:sqlserver://db").hasMessageContaining("MySQL 5.7, 8.0, 8.4, 9.x");
    }

    @Test
    void eachDialectClassifiesItsOwnErrors() {
        var pg = Engines.dialect(EngineSpec.parse("postgres:16"));
        assertThat(pg.classify(new SQLException("x", "55P03"))).isEqualTo(ErrorClass.LOCK_TIMEOUT);
        assertThat(pg.classify(new SQLException("x", "23505"))).isEqualTo(ErrorClass.CONSTRAINT_VIOLATION);
        assertThat(pg.classify(new SQLException("x", "42601"))).isEqualTo(ErrorClass.SYNTAX);
        var my = Engines.dialect(EngineSpec.parse("mysql:8.0"));
        assertThat(my.classify(new SQLException("x", "HY000", 1205))).isEqualTo(ErrorClass.LOCK_TIMEOUT);
        assertThat(my.classify(new SQLException("x", "42000", 1064))).isEqualTo(ErrorClass.SYNTAX);
        assertThat(pg.qualified("orders")).isEqualTo("public.orders");
        assertThat(pg.displayName("public.orders")).isEqualTo("orders");
        assertThat(my.qualified("orders")).isEqualTo("orders");
    }

    @Test
    void serverVersionsCompareAsTheirCutOffsNeed() {
        assertThat(ServerVersion.parse("8.0").atLeast(8, 0, 29)).as("a bare 8.0 is the newest 8.0.x").isTrue();
        assertThat(ServerVersion.parse("8.0.28").atLeast(8, 0, 29)).isFalse();
        assertThat(ServerVersion.parse("10.11.6-MariaDB-log")).isEqualTo(new ServerVersion(10, 11, 6));
        assertThat(ServerVersion.parse("16.15 (Debian 16.15-1)").atLeast(16)).isTrue();
        assertThat(ServerVersion.parse("11").atLeast(12)).isFalse();
        assertThat(ServerVersion.parse("16.4").toString()).isEqualTo("16.4");
    }
}
