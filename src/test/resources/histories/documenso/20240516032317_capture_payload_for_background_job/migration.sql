-- AlterTable
ALTER TABLE "BackgroundJob" ADD COLUMN     "payload" JSONB;
