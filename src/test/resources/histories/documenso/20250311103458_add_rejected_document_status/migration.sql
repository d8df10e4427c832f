-- AlterEnum
ALTER TYPE "DocumentStatus" ADD VALUE 'REJECTED';
