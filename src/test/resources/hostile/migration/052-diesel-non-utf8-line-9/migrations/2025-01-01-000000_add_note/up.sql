-- one
-- two
-- three
-- four
-- five
-- six
-- seven
-- eight
ALTER TABLE accounts ADD COLUMN café text;
