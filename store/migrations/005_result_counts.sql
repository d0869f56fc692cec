-- Result counts per (account, control, status), kept by statement-level triggers on evaluation_results, so every
-- score (overview, frameworks, controls) sums a few thousand counters instead of scanning every result row
-- (300,000 rows at 50,000 assets). No foreign key: account deletion cascades to evaluation_results, whose delete
-- trigger takes the counts down; TRUNCATE clears them.
CREATE TABLE result_counts (
  account_id uuid NOT NULL,
  control_id text NOT NULL,
  status text NOT NULL,
  n bigint NOT NULL,
  PRIMARY KEY (account_id, control_id, status)
);

INSERT INTO result_counts (account_id, control_id, status, n)
SELECT account_id, control_id, status, count(*) FROM evaluation_results GROUP BY account_id, control_id, status;

CREATE FUNCTION result_counts_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO result_counts (account_id, control_id, status, n)
  SELECT account_id, control_id, status, count(*) FROM result_rows_new GROUP BY account_id, control_id, status
  ON CONFLICT (account_id, control_id, status) DO UPDATE SET n = result_counts.n + EXCLUDED.n;
  RETURN NULL;
END $$;

CREATE FUNCTION result_counts_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE result_counts c SET n = c.n - gone.n
  FROM (SELECT account_id, control_id, status, count(*) AS n FROM result_rows_old
        GROUP BY account_id, control_id, status) gone
  WHERE c.account_id = gone.account_id AND c.control_id = gone.control_id AND c.status = gone.status;
  -- Only the counters this statement touched: a whole-table delete would meet other accounts' evaluations.
  DELETE FROM result_counts c USING (SELECT DISTINCT account_id, control_id, status FROM result_rows_old) k
  WHERE c.account_id = k.account_id AND c.control_id = k.control_id AND c.status = k.status AND c.n <= 0;
  RETURN NULL;
END $$;

CREATE FUNCTION result_counts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE result_counts c SET n = c.n - gone.n
  FROM (SELECT account_id, control_id, status, count(*) AS n FROM result_rows_old
        GROUP BY account_id, control_id, status) gone
  WHERE c.account_id = gone.account_id AND c.control_id = gone.control_id AND c.status = gone.status;
  INSERT INTO result_counts (account_id, control_id, status, n)
  SELECT account_id, control_id, status, count(*) FROM result_rows_new GROUP BY account_id, control_id, status
  ON CONFLICT (account_id, control_id, status) DO UPDATE SET n = result_counts.n + EXCLUDED.n;
  -- Only the counters this statement touched: a whole-table delete would meet other accounts' evaluations.
  DELETE FROM result_counts c USING (SELECT DISTINCT account_id, control_id, status FROM result_rows_old) k
  WHERE c.account_id = k.account_id AND c.control_id = k.control_id AND c.status = k.status AND c.n <= 0;
  RETURN NULL;
END $$;

CREATE FUNCTION result_counts_cleared() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM result_counts;
  RETURN NULL;
END $$;

CREATE TRIGGER result_counts_insert AFTER INSERT ON evaluation_results
  REFERENCING NEW TABLE AS result_rows_new FOR EACH STATEMENT EXECUTE FUNCTION result_counts_added();
CREATE TRIGGER result_counts_delete AFTER DELETE ON evaluation_results
  REFERENCING OLD TABLE AS result_rows_old FOR EACH STATEMENT EXECUTE FUNCTION result_counts_removed();
CREATE TRIGGER result_counts_update AFTER UPDATE ON evaluation_results
  REFERENCING OLD TABLE AS result_rows_old NEW TABLE AS result_rows_new
  FOR EACH STATEMENT EXECUTE FUNCTION result_counts_changed();
CREATE TRIGGER result_counts_truncate AFTER TRUNCATE ON evaluation_results
  FOR EACH STATEMENT EXECUTE FUNCTION result_counts_cleared();
