StrongMigrations.start_after = 20230101000000
StrongMigrations.lock_timeout = 10.seconds
StrongMigrations.statement_timeout = 1.hour
