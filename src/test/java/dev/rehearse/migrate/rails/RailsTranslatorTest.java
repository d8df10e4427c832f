package dev.rehearse.migrate.rails;

import dev.rehearse.InvalidInputException;
import dev.rehearse.engine.Engines;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.TransactionMode;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQL ActiveRecord 7.x sends for each DSL call (activerecord v7.2.3 schema_creation/schema_statements). */
class RailsTranslatorTest {

    @TempDir
    Path dir;

    private Migration read(String engine, String body) throws Exception {
        Path f = dir.resolve("20240101120000_m.rb");
        Files.writeString(f, body);
        EngineSpec spec = EngineSpec.parse(engine);
        return new RailsMigrationSource().read(List.of(f),
                new MigrationSource.Context(Engines.dialect(spec).splitter(), Scenario.Transaction.AUTO, spec)).get(0);
    }

    private Migration pg(String body) throws Exception {
        return read("postgres:16", body);
    }

    private static String migration(String version, String... lines) {
        return "class M < ActiveRecord::Migration[" + version + "]\n" + String.join("\n", lines) + "\nend\n";
    }

    private static List<String> sql(Migration m) {
        return m.statements().stream().map(SqlStatement::sql).toList();
    }

    private static List<String> downSql(Migration m) {
        return m.down().stream().flatMap(u -> u.statements().stream()).map(SqlStatement::sql).toList();
    }

    @Test
    void checkConstraintIfNotExistsInvertsToIfExistsAsRails71Does() throws Exception {
        Migration m = pg(migration("7.1",
                "  def change",
                "    add_check_constraint :accounts, \"region IS NOT NULL\", name: \"accounts_region_not_null\", validate: false, if_not_exists: true",
                "  end"));
        assertThat(sql(m)).containsExactly(
                "ALTER TABLE \"accounts\" ADD CONSTRAINT accounts_region_not_null CHECK (region IS NOT NULL) NOT VALID");
        // if_exists: asks the live schema first, which on PostgreSQL is DROP CONSTRAINT IF EXISTS
        assertThat(downSql(m)).containsExactly("ALTER TABLE \"accounts\" DROP CONSTRAINT IF EXISTS \"accounts_region_not_null\"");
        Migration plain = pg(migration("7.1",
                "  def change",
                "    remove_check_constraint :accounts, \"region IS NOT NULL\", name: \"accounts_region_not_null\"",
                "  end"));
        assertThat(sql(plain)).containsExactly("ALTER TABLE \"accounts\" DROP CONSTRAINT \"accounts_region_not_null\"");
    }

    @Test
    void createTableWithReferencesTimestampsAndIndexes() throws Exception {
        Migration m = pg(migration("7.1",
                "  def change",
                "    create_table :comments do |t|",
                "      t.references :post, null: false, foreign_key: true",
                "      t.string :author, limit: 80, default: \"anon\"",
                "      t.integer :votes, limit: 8, default: 0, null: false",
                "      t.jsonb :meta, default: {}",
                "      t.timestamps",
                "      t.index [:author, :created_at], unique: true",
                "    end",
                "  end"));
        assertThat(sql(m)).containsExactly(
                "CREATE TABLE \"comments\" (\"id\" bigserial primary key, \"post_id\" bigint NOT NULL, "
                        + "\"author\" character varying(80) DEFAULT 'anon', \"votes\" bigint DEFAULT 0 NOT NULL, "
                        + "\"meta\" jsonb DEFAULT '{}', \"created_at\" timestamp(6) NOT NULL, \"updated_at\" timestamp(6) NOT NULL, "
                        + "CONSTRAINT \"fk_rails_2fd19c0db7\" FOREIGN KEY (\"post_id\") REFERENCES \"posts\" (\"id\"))",
                "CREATE INDEX \"index_comments_on_post_id\" ON \"comments\" (\"post_id\")",
                "CREATE UNIQUE INDEX \"index_comments_on_author_and_created_at\" ON \"comments\" (\"author\", \"created_at\")");
        assertThat(m.statements()).allMatch(s -> s.line() == 3);
        assertThat(m.units().get(0).mode()).isEqualTo(TransactionMode.TRANSACTION);
        assertThat(downSql(m)).containsExactly("DROP TABLE \"comments\"");
        assertThat(m.rollback()).isEqualTo(m.file());
    }

    @Test
    void compatibilityLayersOfOlderMigrations() throws Exception {
        Migration m = pg(migration("5.0",
                "  def change",
                "    create_table :events do |t|",
                "      t.belongs_to :account",
                "      t.datetime :at",
                "      t.timestamps",
                "    end",
                "  end"));
        // 5.0: serial keys and integer references; before 7.0 datetime has no precision
        assertThat(sql(m).get(0)).isEqualTo("CREATE TABLE \"events\" (\"id\" serial NOT NULL PRIMARY KEY, "
                + "\"account_id\" integer, \"at\" timestamp, \"created_at\" timestamp NOT NULL, \"updated_at\" timestamp NOT NULL)");
        Migration uuid = pg(migration("7.0", "  def change", "    create_table :tokens, id: :uuid do |t|", "    end", "  end"));
        assertThat(sql(uuid)).containsExactly(
                "CREATE TABLE \"tokens\" (\"id\" uuid DEFAULT gen_random_uuid() NOT NULL PRIMARY KEY)");
    }

    @Test
    void columnChangesAndTheirSql() throws Exception {
        Migration m = pg(migration("7.1",
                "  def up",
                "    add_column :users, :age, :integer, null: true",
                "    change_column :users, :name, :text, null: false",
                "    change_column_null :users, :age, false, 0",
                "    change_column_default :users, :age, from: nil, to: 18",
                "    change_column_default :users, :nickname, nil",
                "    rename_column :users, :name, :full_name",
                "    remove_column :users, :legacy",
                "    rename_table :users, :people",
                "  end",
                "  def down",
                "    raise ActiveRecord::IrreversibleMigration",
                "  end"));
        assertThat(sql(m)).containsExactly(
                "ALTER TABLE \"users\" ADD \"age\" integer",
                "ALTER TABLE \"users\" ALTER COLUMN \"name\" TYPE text, ALTER COLUMN \"name\" SET NOT NULL",
                "UPDATE \"users\" SET \"age\"=0 WHERE \"age\" IS NULL",
                "ALTER TABLE \"users\" ALTER COLUMN \"age\" SET NOT NULL",
                "ALTER TABLE \"users\" ALTER COLUMN \"age\" SET DEFAULT 18",
                "ALTER TABLE \"users\" ALTER COLUMN \"nickname\" DROP DEFAULT",
                "ALTER TABLE \"users\" RENAME COLUMN \"name\" TO \"full_name\"",
                "ALTER TABLE \"users\" DROP COLUMN \"legacy\"",
                "ALTER TABLE \"users\" RENAME TO \"people\"",
                "ALTER INDEX \"users_pkey\" RENAME TO \"people_pkey\"",
                "ALTER TABLE \"users_id_seq\" RENAME TO \"people_id_seq\"");
        assertThat(m.statements().stream().map(SqlStatement::line).distinct().toList())
                .containsExactly(3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(m.down()).isEmpty(); // the down raises IrreversibleMigration: there is none
        assertThat(m.hasRollback()).isFalse();
    }

    @Test
    void indexesForeignKeysAndChecksTheStrongMigrationsWay() throws Exception {
        Migration m = pg(migration("7.1",
                "  disable_ddl_transaction!",
                "  def change",
                "    add_index :orders, :customer_id, algorithm: :concurrently",
                "    add_index :orders, [:state, :placed_at], where: \"state = 'open'\", name: \"open_orders\", algorithm: :concurrently",
                "    add_foreign_key :orders, :customers, validate: false",
                "    validate_foreign_key :orders, :customers",
                "    add_check_constraint :orders, \"total >= 0\", name: \"orders_total_positive\", validate: false",
                "    add_reference :orders, :coupon, index: {algorithm: :concurrently}",
                "    remove_index :orders, :legacy_id, algorithm: :concurrently",
                "  end"));
        assertThat(sql(m)).containsExactly(
                "CREATE INDEX CONCURRENTLY \"index_orders_on_customer_id\" ON \"orders\" (\"customer_id\")",
                "CREATE INDEX CONCURRENTLY \"open_orders\" ON \"orders\" (\"state\", \"placed_at\") WHERE state = 'open'",
                "ALTER TABLE \"orders\" ADD CONSTRAINT \"fk_rails_" + ActiveRecordSql.sha256("orders_customer_id_fk").substring(0, 10)
                        + "\" FOREIGN KEY (\"customer_id\") REFERENCES \"customers\" (\"id\") NOT VALID",
                "ALTER TABLE \"orders\" VALIDATE CONSTRAINT \"fk_rails_" + ActiveRecordSql.sha256("orders_customer_id_fk").substring(0, 10) + "\"",
                "ALTER TABLE \"orders\" ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID",
                "ALTER TABLE \"orders\" ADD \"coupon_id\" bigint",
                "CREATE INDEX CONCURRENTLY \"index_orders_on_coupon_id\" ON \"orders\" (\"coupon_id\")",
                "DROP INDEX CONCURRENTLY \"index_orders_on_legacy_id\"");
        assertThat(m.units().get(0).mode()).isEqualTo(TransactionMode.AUTOCOMMIT);
        assertThat(m.statements().get(0).kind()).isEqualTo(SqlStatement.Kind.NON_TRANSACTIONAL);
        // remove_index cannot be inverted without a column: it was given one, so the change is reversible
        assertThat(downSql(m)).containsExactly(
                "CREATE INDEX CONCURRENTLY \"index_orders_on_legacy_id\" ON \"orders\" (\"legacy_id\")",
                "ALTER TABLE \"orders\" DROP COLUMN \"coupon_id\"",
                "ALTER TABLE \"orders\" DROP CONSTRAINT \"orders_total_positive\"",
                "ALTER TABLE \"orders\" DROP CONSTRAINT \"fk_rails_" + ActiveRecordSql.sha256("orders_customer_id_fk").substring(0, 10) + "\"",
                "DROP INDEX CONCURRENTLY \"open_orders\"",
                "DROP INDEX CONCURRENTLY \"index_orders_on_customer_id\"");
        assertThat(m.down().get(0).mode()).isEqualTo(TransactionMode.AUTOCOMMIT);
    }

    @Test
    void changeIsInvertedAsCommandRecorderDoesAndAnIrreversibleCallLeavesNoDown() throws Exception {
        Migration m = pg(migration("7.1",
                "  def change",
                "    rename_table :a, :b",
                "    rename_column :b, :x, :y",
                "    add_column :b, :z, :boolean, default: true",
                "    reversible do |dir|",
                "      dir.up { execute \"UPDATE b SET z = false\" }",
                "      dir.down { execute \"UPDATE b SET z = true\" }",
                "    end",
                "  end"));
        assertThat(sql(m)).endsWith("ALTER TABLE \"b\" ADD \"z\" boolean DEFAULT TRUE", "UPDATE b SET z = false");
        assertThat(downSql(m)).containsExactly(
                "UPDATE b SET z = true",
                "ALTER TABLE \"b\" DROP COLUMN \"z\"",
                "ALTER TABLE \"b\" RENAME COLUMN \"y\" TO \"x\"",
                "ALTER TABLE \"b\" RENAME TO \"a\"",
                "ALTER INDEX \"b_pkey\" RENAME TO \"a_pkey\"",
                "ALTER TABLE \"b_id_seq\" RENAME TO \"a_id_seq\"");
        Migration irreversible = pg(migration("7.1", "  def change", "    change_column :t, :c, :bigint", "  end"));
        assertThat(irreversible.down()).isEmpty();
        assertThat(irreversible.rollback()).isNull();
        assertThat(new RailsTranslator(ActiveRecordSql.Adapter.POSTGRES).translate(
                Ruby.parse(dir.resolve("x.rb"), migration("7.1", "  def change", "    change_column :t, :c, :bigint", "  end"))).absent())
                .contains("change_column at line 3 is not reversible");
    }

    @Test
    void executeHeredocsKeepTheirLinesAndSafetyAssuredIsTranslated() throws Exception {
        Migration m = pg(migration("7.1",
                "  def up",
                "    safety_assured do",
                "      execute <<~SQL",
                "        UPDATE a SET b = 1;",
                "",
                "        DELETE FROM c",
                "      SQL",
                "    end",
                "  end"));
        assertThat(sql(m)).containsExactly("UPDATE a SET b = 1", "DELETE FROM c");
        assertThat(m.statements().stream().map(SqlStatement::line).toList()).containsExactly(5, 7);
    }

    @Test
    void whatCannotBeTranslatedIsAProblemAtItsLineAndTheRestStillRuns() throws Exception {
        Migration m = pg(migration("7.1",
                "  def up",
                "    add_column :t, :c, :text",
                "    User.find_each do |u|",
                "      u.update!(c: 'x')",
                "    end",
                "    if column_exists?(:t, :d)",
                "      remove_column :t, :d",
                "    end",
                "    add_column_with_default :t, :e, :integer, default: 0",
                "  end"));
        assertThat(sql(m)).containsExactly("ALTER TABLE \"t\" ADD \"c\" text");
        assertThat(m.problems()).extracting(Migration.Problem::line).containsExactly(4, 7, 10);
        assertThat(m.problems()).extracting(Migration.Problem::message).containsExactly(
                "cannot translate User.find_each", "cannot translate if column_exists?: t is not created by these migrations",
                "cannot translate add_column_with_default: not a schema statement this translator knows");
        assertThat(m.problems()).noneMatch(Migration.Problem::refused);
    }

    @Test
    void mysqlQuotesAndTypesAsItsAdapterAndCommitsEveryStatement() throws Exception {
        Migration m = read("mysql:8.0", migration("7.1",
                "  def change",
                "    create_table :users do |t|",
                "      t.string :email, null: false",
                "      t.boolean :admin, default: false",
                "      t.index :email, unique: true",
                "    end",
                "    add_index :users, :admin",
                "  end"));
        assertThat(sql(m)).containsExactly(
                "CREATE TABLE `users` (`id` bigint auto_increment PRIMARY KEY, `email` varchar(255) NOT NULL, "
                        + "`admin` tinyint(1) DEFAULT FALSE, UNIQUE INDEX `index_users_on_email` (`email`))",
                "CREATE INDEX `index_users_on_admin` ON `users` (`admin`)");
        assertThat(m.units().get(0).mode()).isEqualTo(TransactionMode.AUTOCOMMIT);
        assertThat(downSql(m)).containsExactly("DROP INDEX `index_users_on_admin` ON `users`", "DROP TABLE `users`");
    }

    @Test
    void railsFourClassMethodsAreTheUpAndDownAndAClassWithNeitherIsAProblem() throws Exception {
        Migration m = pg("class CreateVersions < ActiveRecord::Migration\n  def self.up\n    create_table :versions do |table|\n"
                + "      table.integer :downloads, default: 0\n      table.timestamps\n    end\n  end\n"
                + "  def self.down\n    drop_table :versions\n  end\nend\n");
        // unversioned: 4.2's layer, serial key and timestamps that may be null
        assertThat(sql(m)).containsExactly("CREATE TABLE \"versions\" (\"id\" serial NOT NULL PRIMARY KEY, "
                + "\"downloads\" integer DEFAULT 0, \"created_at\" timestamp, \"updated_at\" timestamp)");
        assertThat(downSql(m)).containsExactly("DROP TABLE \"versions\"");
        Migration empty = pg(migration("7.1", "  def migrate_data", "  end"));
        assertThat(empty.problems()).extracting(Migration.Problem::message)
                .containsExactly("cannot translate M: it defines neither change nor up");
    }

    @Test
    void aRubySyntaxErrorNamesFileAndLine() throws Exception {
        assertThatThrownBy(() -> pg(migration("7.1", "  def change", "    add_column :t, :c,", "  end")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("20240101120000_m.rb:4")
                .hasMessageContaining("Ruby syntax error");
    }

    @Test
    void versionsOrderMigrationsAcrossFolders(@TempDir Path root) throws Exception {
        Path migrate = Files.createDirectories(root.resolve("db/migrate"));
        Path post = Files.createDirectories(root.resolve("db/post_migrate"));
        Files.writeString(migrate.resolve("20240301000000_b.rb"), migration("7.1", "  def change", "    add_column :t, :b, :text", "  end"));
        Files.writeString(post.resolve("20240201000000_a.rb"), migration("7.1", "  def change", "    add_column :t, :a, :text", "  end"));
        EngineSpec spec = EngineSpec.DEFAULT;
        List<Migration> ms = new RailsMigrationSource().read(List.of(migrate, post),
                new MigrationSource.Context(Engines.dialect(spec).splitter(), Scenario.Transaction.AUTO));
        assertThat(ms).extracting(Migration::version).containsExactly("20240201000000", "20240301000000");
        assertThat(new RailsMigrationSource().detect(migrate)).isTrue();
        assertThat(new RailsMigrationSource().detect(root.resolve("db"))).isTrue();
    }

    @Test
    void renamesCarryTheIndexesAndKeysTheEarlierMigrationsCreated(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("20240101000000_create.rb"), migration("7.1", "  def change",
                "    create_table :notes, id: :uuid do |t|", "      t.string :title", "      t.index :title", "    end",
                "    add_index :notes, :title, name: \"custom_title\"", "  end"));
        Files.writeString(root.resolve("20240102000000_rename.rb"), migration("7.1", "  def change",
                "    rename_column :notes, :title, :heading", "    rename_table :notes, :memos", "  end"));
        Files.writeString(root.resolve("20240103000000_guard.rb"), migration("7.1", "  def up",
                "    return if connection.index_name_exists?(:memos, :index_memos_on_heading)", "    add_index :memos, :heading", "  end"));
        List<Migration> ms = new RailsMigrationSource().read(List.of(root),
                new MigrationSource.Context(Engines.dialect(EngineSpec.DEFAULT).splitter(), Scenario.Transaction.AUTO));
        assertThat(sql(ms.get(1))).containsExactly(
                "ALTER TABLE \"notes\" RENAME COLUMN \"title\" TO \"heading\"",
                "ALTER INDEX \"index_notes_on_title\" RENAME TO \"index_notes_on_heading\"",
                "ALTER TABLE \"notes\" RENAME TO \"memos\"",
                "ALTER INDEX \"notes_pkey\" RENAME TO \"memos_pkey\"", // a uuid key has no sequence to rename
                "ALTER INDEX \"index_notes_on_heading\" RENAME TO \"index_memos_on_heading\"");
        // the guard sees the index the renames left: the migration returns before adding it again
        assertThat(ms.get(2).statements()).isEmpty();
        assertThat(ms.get(2).problems()).isEmpty();
    }

    @Test
    void inflectorAsActiveSupport() {
        assertThat(Inflector.pluralize("category")).isEqualTo("categories");
        assertThat(Inflector.pluralize("person")).isEqualTo("people");
        assertThat(Inflector.pluralize("status")).isEqualTo("statuses");
        assertThat(Inflector.pluralize("account_address")).isEqualTo("account_addresses");
        assertThat(Inflector.singularize("media_attachments")).isEqualTo("media_attachment");
        assertThat(Inflector.singularize("statuses")).isEqualTo("status");
        assertThat(Inflector.singularize("people")).isEqualTo("person");
    }
}
