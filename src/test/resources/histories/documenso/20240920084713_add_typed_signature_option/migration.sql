-- AlterTable
ALTER TABLE "DocumentMeta" ADD COLUMN     "enabledTypedSignature" BOOLEAN NOT NULL DEFAULT false;
