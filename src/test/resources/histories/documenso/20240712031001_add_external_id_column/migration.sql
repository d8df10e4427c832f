-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "externalId" TEXT;

-- AlterTable
ALTER TABLE "Template" ADD COLUMN     "externalId" TEXT;
