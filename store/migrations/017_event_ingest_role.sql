-- Event mode's HTTPS push: a token whose only right is to deliver CloudTrail events (POST /api/v1/events/cloudtrail).
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_role_check;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_role_check CHECK (role IN ('admin', 'auditor', 'event-ingest'));
