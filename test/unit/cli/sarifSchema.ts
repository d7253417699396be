// Validates SARIF logs against the official SARIF 2.1.0 JSON schema (vendored: test/fixtures/sarif/README.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { PROJECT_ROOT } from './cliHarness';

const SCHEMA_FILE = join(PROJECT_ROOT, 'test', 'fixtures', 'sarif', 'sarif-2.1.0-rtm.5.json');

let validator: ((data: unknown) => boolean) & { errors?: unknown } | undefined;

/** The schema's errors for `log` (empty when it is valid SARIF 2.1.0). */
export function sarifSchemaErrors(log: unknown): string[] {
  if (!validator) {
    // strict: false: the schema uses draft-04 idioms ajv's strict mode rejects (e.g. `id` beside `$ref`);
    // unicodeRegExp: false: its language pattern `…{2}]?$` is valid only without the `u` flag.
    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    validator = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
  }
  if (validator(log)) return [];
  return ((validator.errors ?? []) as Array<{ instancePath: string; message?: string }>).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}
