-- Results and alerts keep two accounts of a verdict: `evidence`, plain sentences for people, and `trace`, the
-- engine's condition trace (paths and operators) shown only on request. Rows written before have no trace.
ALTER TABLE evaluation_results ADD COLUMN trace jsonb NOT NULL DEFAULT '[]';
ALTER TABLE alerts ADD COLUMN trace jsonb NOT NULL DEFAULT '[]';
