-- Incremental evaluation: the hash of the last evaluation's input (assets, relationships, control set).
-- A column, not a table, so deleting or truncating accounts needs nothing new.
ALTER TABLE accounts ADD COLUMN evaluation_fingerprint text;
