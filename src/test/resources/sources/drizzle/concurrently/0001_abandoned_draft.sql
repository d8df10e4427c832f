-- generated, then replaced by 0001_email_index; not in the journal, so Drizzle never applies it
DROP TABLE "accounts";
