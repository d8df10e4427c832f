package dev.rehearse.fix;

import dev.rehearse.InvalidInputException;
import dev.rehearse.analyze.Linter;
import dev.rehearse.engine.Engines;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.MigrationSources;
import dev.rehearse.migrate.TransactionMode;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Rails and Liquibase writers on migrations as teams write them (not the pattern examples' one statement): calls
 * around the offending one, comments, a {@code change} method, changelogs in XML and YAML with a deployed changeSet
 * beside the pending ones. What is written is read back by the format's own reader, which must give the fix's
 * migrations: the same statements, transaction modes and downs.
 */
class DslWritersTest {

    private static final EngineSpec PG = EngineSpec.DEFAULT;

    @TempDir
    Path dir;

    record Fixed(List<Migration> read, Fixer.Result result, List<FileChange> changes) {}

    private static Fixed fix(String format, Path path, Predicate<Migration> pending) {
        List<Migration> ms = read(format, path);
        Fixer.Result r = new Fixer(Linter.Options.of(PG).withPending(pending), Engines.dialect(PG)).fix(ms);
        return new Fixed(ms, r, MigrationWriters.forFormat(format).write(r.files(), ms));
    }

    private static List<Migration> read(String format, Path path) {
        return MigrationSources.forFormat(format).read(List.of(path), new MigrationSource.Context(
                Engines.dialect(PG).splitter(), Scenario.Transaction.AUTO, PG, null, null));
    }

    private static String normal(String sql) {
        return RailsDsl.normal(sql.replaceAll("--[^\\n]*", " "));
    }

    /** The migrations read back after writing, from the first one the fix changed on, are the fix's segments. */
    private static void assertRoundTrip(String format, Path path, Fixed f, Predicate<Migration> pending) {
        java.util.Set<Path> created = new java.util.HashSet<>(), written = new java.util.HashSet<>();
        for (FileChange c : f.changes()) {
            c.write();
            written.add(c.path().toAbsolutePath().normalize());
            if (c.before() == null) created.add(c.path().toAbsolutePath().normalize());
        }
        Predicate<Migration> fixedSet = m -> pending.test(m) || created.contains(m.file().toAbsolutePath().normalize());
        List<Migration> back = read(format, path).stream()
                .filter(m -> fixedSet.test(m) && written.contains(m.file().toAbsolutePath().normalize())).toList();
        List<Fixer.Segment> segments = f.result().files().stream().flatMap(x -> x.segments().stream()).toList();
        List<List<String>> expected = new ArrayList<>(), actual = new ArrayList<>();
        List<Boolean> expectedModes = new ArrayList<>(), actualModes = new ArrayList<>();
        for (Fixer.Segment g : segments) {
            expected.add(g.statements().stream().map(DslWritersTest::normal).toList());
            expectedModes.add(g.outsideTransaction());
        }
        for (Migration m : back) {
            actual.add(m.statements().stream().map(s -> normal(s.sql())).toList());
            actualModes.add(m.units().get(0).mode() == TransactionMode.AUTOCOMMIT);
        }
        assertThat(actual).as("statements read back").isEqualTo(expected);
        assertThat(actualModes).as("outside a transaction").isEqualTo(expectedModes);
        int at = 0;
        for (Fixer.FileFix x : f.result().files()) {
            // each new migration's down is the derived one (the first keeps the original's)
            for (int i = 1; i < x.segments().size(); i++) {
                Migration m = back.get(at + i);
                assertThat(m.down().stream().flatMap(u -> u.statements().stream()).map(s -> normal(s.sql())).toList())
                        .as("down of %s %s", m.name(), m.version())
                        .isEqualTo(x.segments().get(i).down().stream().map(DslWritersTest::normal).toList());
            }
            at += x.segments().size();
        }
        // fixed once, nothing is left to fix
        assertThat(fix(format, path, fixedSet).result().changes()).as("a second fix").isFalse();
    }

    private static String text(Fixed f, String fileName) {
        return f.changes().stream().filter(c -> c.path().getFileName().toString().equals(fileName)).findFirst()
                .orElseThrow(() -> new AssertionError("no change to " + fileName + " in " + f.changes())).after();
    }

    @Test
    void railsKeepsTheCallsAroundAndMovesThoseAfterTheStep() throws IOException {
        Path m = Files.createDirectories(dir.resolve("db/migrate"));
        Files.writeString(m.resolve("20260101000000_create_accounts.rb"), """
                class CreateAccounts < ActiveRecord::Migration[7.1]
                  def change
                    create_table :accounts do |t|
                      t.text :region
                      t.text :code
                    end
                  end
                end
                """);
        Files.writeString(m.resolve("20260102000000_accounts_region.rb"), """
                class AccountsRegion < ActiveRecord::Migration[7.1]
                  def change
                    add_column :accounts, :note, :text
                    say "the report filters by region"

                    # region is required from now on
                    change_column_null :accounts, :region, false
                    add_column :accounts, :flag, :boolean
                  end
                end
                """);
        Files.writeString(m.resolve("20260103000000_later.rb"), """
                class Later < ActiveRecord::Migration[7.1]
                  def change
                    add_column :accounts, :later, :text
                  end
                end
                """);
        Predicate<Migration> pending = x -> x.name().contains("accounts_region");
        Fixed f = fix("rails", m, pending);
        assertThat(text(f, "20260102000000_accounts_region.rb")).isEqualTo("""
                class AccountsRegion < ActiveRecord::Migration[7.1]
                  def change
                    reversible do |dir|
                      dir.up do
                        execute "SET lock_timeout = '25ms'"
                        execute "SET statement_timeout = '15min'"
                      end
                    end
                    add_column :accounts, :note, :text
                    say "the report filters by region"

                    # region is required from now on
                    add_check_constraint :accounts, "region IS NOT NULL", name: "accounts_region_not_null", validate: false, if_not_exists: true
                  end
                end
                """);
        // the call after the step goes with the last step, after the steps before it
        assertThat(text(f, "20260102000002_set_accounts_region_not_null.rb"))
                .contains("class SetAccountsRegionNotNull < ActiveRecord::Migration[7.1]", "    add_column :accounts, :flag, :boolean\n",
                        "  def down\n    change_column_null :accounts, :region, true\n  end");
        assertThat(text(f, "20260102000001_validate_accounts_region_not_null.rb")).doesNotContain("disable_ddl_transaction!");
        assertRoundTrip("rails", m, f, pending);
    }

    @Test
    void railsUpDownKeepsTheDownAndAnIndexGoesOutsideTheTransaction() throws IOException {
        Path m = Files.createDirectories(dir.resolve("db/migrate"));
        Files.writeString(m.resolve("20260101000000_create_accounts.rb"), """
                class CreateAccounts < ActiveRecord::Migration[6.1]
                  def up
                    execute "CREATE TABLE accounts (id bigint PRIMARY KEY, region text)"
                    add_index :accounts, :region, name: "accounts_region_idx"
                  end
                end
                """);
        Files.writeString(m.resolve("20260102000000_drop_region_index.rb"), """
                class DropRegionIndex < ActiveRecord::Migration[6.1]
                  def up
                    remove_index :accounts, name: "accounts_region_idx"
                  end

                  def down
                    add_index :accounts, :region, name: "accounts_region_idx"
                  end
                end
                """);
        Predicate<Migration> pending = x -> x.name().contains("drop_region");
        Fixed f = fix("rails", m, pending);
        assertThat(text(f, "20260102000000_drop_region_index.rb")).isEqualTo("""
                class DropRegionIndex < ActiveRecord::Migration[6.1]
                  disable_ddl_transaction!

                  def up
                    remove_index :accounts, name: "accounts_region_idx", algorithm: :concurrently
                  end

                  def down
                    add_index :accounts, :region, name: "accounts_region_idx"
                  end
                end
                """);
        assertRoundTrip("rails", m, f, pending);
    }

    @Test
    void railsBeforeTheDslHasTheCallWritesExecute() throws IOException {
        Path m = Files.createDirectories(dir.resolve("db/migrate"));
        Files.writeString(m.resolve("20260101000000_create_accounts.rb"), """
                class CreateAccounts < ActiveRecord::Migration[5.1]
                  def up
                    execute "CREATE TABLE accounts (id bigint PRIMARY KEY, balance int)"
                  end
                end
                """);
        Files.writeString(m.resolve("20260102000000_balance_check.rb"), """
                class BalanceCheck < ActiveRecord::Migration[5.1]
                  def up
                    execute "ALTER TABLE accounts ADD CONSTRAINT accounts_balance_nonneg CHECK (balance >= 0)"
                  end
                end
                """);
        Predicate<Migration> pending = x -> x.name().contains("balance_check");
        Fixed f = fix("rails", m, pending);
        // add_check_constraint is Rails 6.1's
        assertThat(text(f, "20260102000000_balance_check.rb"))
                .contains("execute \"ALTER TABLE accounts ADD CONSTRAINT accounts_balance_nonneg CHECK (balance >= 0) NOT VALID\"");
        assertThat(text(f, "20260102000001_validate_accounts_balance_nonneg.rb"))
                .contains("execute \"ALTER TABLE accounts VALIDATE CONSTRAINT accounts_balance_nonneg\"");
        assertRoundTrip("rails", m, f, pending);
    }

    @Test
    void railsWithNoSecondFreeBeforeTheNextMigrationIsOneLineOfInvalidInput() throws IOException {
        Path m = Files.createDirectories(dir.resolve("db/migrate"));
        Files.writeString(m.resolve("20260101000000_create_accounts.rb"), """
                class CreateAccounts < ActiveRecord::Migration[7.1]
                  def up
                    execute "CREATE TABLE accounts (id bigint PRIMARY KEY, region text)"
                  end
                end
                """);
        Files.writeString(m.resolve("20260102000000_region_required.rb"), """
                class RegionRequired < ActiveRecord::Migration[7.1]
                  def up
                    change_column_null :accounts, :region, false
                  end
                end
                """);
        Files.writeString(m.resolve("20260102000001_next.rb"), """
                class Next < ActiveRecord::Migration[7.1]
                  def up
                    execute "SELECT 1"
                  end
                end
                """);
        assertThatThrownBy(() -> fix("rails", m, x -> x.name().contains("region_required")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no timestamp is free between them");
    }

    private static final String XML_HEAD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                    http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
            """;

    @Test
    void liquibaseXmlTwoPendingChangeSetsOfOneFileFixedTogetherTheDeployedOneUntouched() throws IOException {
        Path c = Files.createDirectories(dir.resolve("changelog"));
        String deployed = """
                    <changeSet id="1" author="ana">
                        <createTable tableName="accounts">
                            <column name="id" type="bigint"><constraints primaryKey="true"/></column>
                            <column name="region" type="text"/>
                            <column name="code" type="text"/>
                        </createTable>
                    </changeSet>
                """;
        Path file = c.resolve("db.changelog-master.xml");
        Files.writeString(file, XML_HEAD + deployed + """
                    <changeSet id="2" author="ana">
                        <createIndex tableName="accounts" indexName="accounts_region_idx">
                            <column name="region"/>
                        </createIndex>
                        <addColumn tableName="accounts"><column name="note" type="text"/></addColumn>
                    </changeSet>
                    <changeSet id="3" author="bo">
                        <sql>SET lock_timeout = '5s'</sql>
                        <addNotNullConstraint tableName="accounts" columnName="code"/>
                    </changeSet>
                </databaseChangeLog>
                """);
        Predicate<Migration> pending = x -> !x.version().equals("1");
        Fixed f = fix("liquibase", c, pending);
        assertThat(f.changes()).as("one file, both changeSets' edits in it").hasSize(1);
        String after = text(f, "db.changelog-master.xml");
        assertThat(after).contains(deployed, "<changeSet id=\"2\" author=\"ana\" runInTransaction=\"false\">",
                "<changeSet id=\"2-2\" author=\"ana\">", "<changeSet id=\"3-2\" author=\"bo\">", "<changeSet id=\"3-3\" author=\"bo\">");
        assertRoundTrip("liquibase", c, f, pending);
    }

    @Test
    void liquibaseYamlKeepsTheCommentsAndAddsTheSteps() throws IOException {
        Path c = Files.createDirectories(dir.resolve("changelog"));
        Files.writeString(c.resolve("db.changelog-master.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: ana
                      changes:
                        - createTable:
                            tableName: invoices
                            columns:
                              - column:
                                  name: id
                                  type: bigint
                              - column:
                                  name: customer_id
                                  type: bigint
                        - createTable:
                            tableName: customers
                            columns:
                              - column:
                                  name: id
                                  type: bigint
                                  constraints:
                                    primaryKey: true
                  - changeSet:
                      id: 2
                      author: ana
                      changes:
                        # invoices belong to a customer
                        - addForeignKeyConstraint:
                            baseTableName: invoices
                            baseColumnNames: customer_id
                            referencedTableName: customers
                            referencedColumnNames: id
                            constraintName: invoices_customer_fk
                """);
        Predicate<Migration> pending = x -> !x.version().equals("1");
        Fixed f = fix("liquibase", c, pending);
        assertThat(text(f, "db.changelog-master.yaml")).contains("        # invoices belong to a customer\n        - sql:\n",
                "NOT VALID", "  - changeSet:\n      id: '2-2'\n      author: 'ana'\n");
        assertRoundTrip("liquibase", c, f, pending);
    }

    @Test
    void liquibaseJsonIsReadButNotWritten() throws IOException {
        Path c = Files.createDirectories(dir.resolve("changelog"));
        Files.writeString(c.resolve("db.changelog-master.json"), """
                {"databaseChangeLog": [
                  {"changeSet": {"id": "1", "author": "ana", "changes": [
                    {"sql": {"sql": "CREATE TABLE accounts (id bigint PRIMARY KEY, region text)"}}]}},
                  {"changeSet": {"id": "2", "author": "ana", "changes": [
                    {"sql": {"sql": "CREATE INDEX accounts_region_idx ON accounts (region)"}}]}}
                ]}
                """);
        assertThatThrownBy(() -> fix("liquibase", c, x -> x.version().equals("2")))
                .isInstanceOf(MigrationWriters.Unsupported.class)
                .hasMessageContaining("JSON changelogs are read but not written");
    }
}
