package dev.rehearse.engine.mysql;

import dev.rehearse.dialect.LockMode.Blocks;
import dev.rehearse.dialect.Rule;
import dev.rehearse.engine.Engines;
import dev.rehearse.scenario.EngineSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The online schema-change advice and the per-engine claims, as pure logic. */
class OnlineSchemaChangeTest {

    private static Rule.Words words(String sql) {
        return new Rule.Words(sql, MySqlSplitter.words(sql));
    }

    @Test
    void theChunkIsHalfASecondOfTheRehearsedCopyRate() {
        // 200k rows in 1.6 s: 125,000 rows/s, half a second of it
        assertThat(OnlineSchemaChange.plan(200_000L, 1_600L, null, 1_000).chunkSize()).isEqualTo(63_000);
        assertThat(OnlineSchemaChange.plan(100L, 2_000L, null, 1_000).chunkSize()).as("at least 100").isEqualTo(100);
        assertThat(OnlineSchemaChange.plan(10_000_000L, 10L, null, 1_000).chunkSize()).as("at most gh-ost's 100k").isEqualTo(100_000);
        assertThat(OnlineSchemaChange.plan(null, null, null, 1_000).chunkSize()).as("lint: gh-ost's default").isEqualTo(1_000);
    }

    @Test
    void aReplicaLaggingPastTheThresholdShrinksTheChunk() {
        OnlineSchemaChange.Plan p = OnlineSchemaChange.plan(200_000L, 1_600L, 4_000L, 1_000);
        assertThat(p.chunkSize()).isEqualTo(16_000); // a quarter: the replica lagged four times the threshold
        assertThat(p.basis()).contains("replica lagged 4,000 ms");
        assertThat(OnlineSchemaChange.plan(200_000L, 1_600L, 500L, 1_000).chunkSize()).isEqualTo(63_000);
    }

    @Test
    void theToolsTakeTheAlterClausesWithoutTheAlgorithm() {
        assertThat(OnlineSchemaChange.alterClauses(words("ALTER TABLE `accounts` MODIFY COLUMN balance BIGINT NOT NULL, ALGORITHM=COPY, LOCK=SHARED;")))
                .isEqualTo("MODIFY COLUMN balance BIGINT NOT NULL");
        assertThat(OnlineSchemaChange.alterClauses(words("OPTIMIZE TABLE accounts"))).isEqualTo("ENGINE=InnoDB");
        assertThat(OnlineSchemaChange.alterClauses(words("CREATE FULLTEXT INDEX posts_ft ON posts (body)")))
                .isEqualTo("ADD FULLTEXT INDEX posts_ft (body)");
        // CREATE INDEX's own ALGORITHM/LOCK options are not the tools' (Rails' add_index ... algorithm: :copy)
        assertThat(OnlineSchemaChange.alterClauses(words("CREATE INDEX `i` ON `t` (`lock_state`) ALGORITHM = COPY LOCK=SHARED")))
                .isEqualTo("ADD INDEX `i` (`lock_state`)");
        String commands = OnlineSchemaChange.commands("accounts", "MODIFY c BIGINT", OnlineSchemaChange.plan(200_000L, 1_600L, null, 1_500));
        assertThat(commands).contains("gh-ost --table=accounts --alter=\"MODIFY c BIGINT\" --chunk-size=63000 --max-lag-millis=1500",
                "pt-online-schema-change --alter \"MODIFY c BIGINT\" D=<database>,t=accounts --chunk-size 63000 --max-lag 1.5");
    }

    @Test
    void copyClaimsFollowTheEngineAndVersion() {
        Rule modify = MySqlRules.forKind(EngineSpec.Kind.MARIADB).stream().filter(r -> r.id().equals("mysql-modify-column-copy"))
                .findFirst().orElseThrow();
        Rule.Words w = words("ALTER TABLE t MODIFY qty BIGINT");
        assertThat(modify.claim().apply(EngineSpec.parse("mariadb:10.11"), w).blocks()).isEqualTo(Blocks.WRITES);
        assertThat(modify.claim().apply(EngineSpec.parse("mariadb:11.4"), w).blocks()).isEqualTo(Blocks.NONE);
        assertThat(modify.claim().apply(EngineSpec.parse("mysql:8.4"), w).blocks()).isEqualTo(Blocks.WRITES);
        assertThat(modify.claim().apply(EngineSpec.parse("mariadb:11.4"), w).rewrite()).isTrue();
        // the lint form of the rewrite: gh-ost's defaults, said to be unmeasured
        assertThat(modify.rewrite().apply(w)).contains("--chunk-size=1000", "not measured");
    }

    @Test
    void ddlCommitsImplicitlyAndTemporaryTablesDoNot() {
        var d = Engines.dialect(EngineSpec.parse("mariadb:11.4"));
        assertThat(d.commitsImplicitly(words("ALTER TABLE t ADD COLUMN c int"))).isTrue();
        assertThat(d.commitsImplicitly(words("CREATE INDEX i ON t (c)"))).isTrue();
        assertThat(d.commitsImplicitly(words("CREATE TEMPORARY TABLE x (id int)"))).isFalse();
        assertThat(d.commitsImplicitly(words("UPDATE t SET c = 1"))).isFalse();
        assertThat(Engines.dialect(EngineSpec.parse("postgres:16")).commitsImplicitly(words("ALTER TABLE t ADD COLUMN c int"))).isFalse();
    }
}
