-- AlterTable
ALTER TABLE "accounts" ADD COLUMN "email" TEXT;

-- CreateIndex: edited by hand to build without blocking writes
CREATE INDEX CONCURRENTLY "accounts_email_idx" ON "accounts"("email");
