-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "formValues" JSONB;
