// Validates OCSF events against test/export/ocsf-1.3.0-compliance-finding.schema.json, a JSON Schema of the
// Compliance Finding class at OCSF 1.3.0 written from the public OCSF definitions (sources in its $comment).
import Ajv from 'ajv';
import schema from './ocsf-1.3.0-compliance-finding.schema.json';

const ajv = new Ajv({ allErrors: true });
const validateEvent = ajv.compile(schema);

/** One line per schema error (`<path> <message>`); empty when the event is valid. */
export function ocsfErrors(event: unknown): string[] {
  if (validateEvent(event)) return [];
  return (validateEvent.errors ?? []).map(
    (error) => `${error.dataPath || '(event)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
  );
}
