-- Event mode: a re-read of the units a CloudTrail event touched is recorded as a sync with trigger 'event'.
ALTER TABLE syncs DROP CONSTRAINT syncs_trigger_check;
ALTER TABLE syncs ADD CONSTRAINT syncs_trigger_check CHECK (trigger IN ('manual', 'schedule', 'create', 'scan', 'event'));
