ALTER TABLE "accounts" ADD COLUMN "email" text;--> statement-breakpoint
CREATE INDEX CONCURRENTLY "accounts_email_idx" ON "accounts" USING btree ("email");
