-- a table created in the same migration set holds nothing yet: dropping it loses nothing
CREATE TABLE import_scratch (id bigint);
DROP TABLE import_scratch;
