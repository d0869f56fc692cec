// Validators for the CI report formats:
// - SARIF: test/export/sarif-schema-2.1.0.json is the official OASIS schema (draft-04), same JSON as (only
//   whitespace reformatted by prettier)
//   https://github.com/oasis-tcs/sarif-spec/blob/e0583813964ec43cea53b6b531b402866095ed1f/sarif-2.1/schema/sarif-schema-2.1.0.json
//   (its `id`: docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json).
// - ASFF: test/export/asff-2018-10-08.schema.json, written from AWS's documented ASFF syntax (sources in its
//   $comment); AWS publishes no JSON Schema for it.
import Ajv from 'ajv';
import draft04 from 'ajv/lib/refs/json-schema-draft-04.json';
import asffSchema from './asff-2018-10-08.schema.json';
import sarifSchema from './sarif-schema-2.1.0.json';

const sarifAjv = new Ajv({ allErrors: true, schemaId: 'auto' });
sarifAjv.addMetaSchema(draft04);
const validateSarif = sarifAjv.compile(sarifSchema);
const validateAsff = new Ajv({ allErrors: true }).compile(asffSchema);

function errorsOf(valid: boolean, errors: Ajv.ErrorObject[] | null | undefined): string[] {
  if (valid) return [];
  return (errors ?? []).map(
    (error) => `${error.dataPath || '(root)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
  );
}

/** One line per schema error; empty when the SARIF log is valid. */
export function sarifErrors(log: unknown): string[] {
  return errorsOf(validateSarif(log) as boolean, validateSarif.errors);
}

/** One line per schema error; empty when the ASFF finding is valid. */
export function asffErrors(finding: unknown): string[] {
  return errorsOf(validateAsff(finding) as boolean, validateAsff.errors);
}
