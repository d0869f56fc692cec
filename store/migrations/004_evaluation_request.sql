-- A durable "this account needs evaluating": set when a sync finishes with data, cleared by the evaluation that
-- saw it. The in-process job runner keeps its queue in memory, so a crash between a sync and its evaluation
-- would otherwise lose the evaluation; start-up queues one for every account still flagged.
ALTER TABLE accounts ADD COLUMN evaluation_requested_at timestamptz(3);
