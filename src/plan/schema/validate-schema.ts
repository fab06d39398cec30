import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { DiagnosticSink } from '../diagnostic.js';
import { suggestion } from '../suggest.js';
import type { ParsedFile } from '../yaml/parse-yaml-file.js';
import type { YamlPath } from '../yaml/source-locator.js';
import { NUMBERS_SCHEMA } from './numbers-schema.js';
import { PLAN_SCHEMA } from './plan-schema.js';
import { RESOURCES_SCHEMA } from './resources-schema.js';
import { SCHEMA_FILES, VMS_SCHEMA } from './vms-schema.js';

// ajv-formats is CommonJS: under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

let validator: ValidateFunction | undefined;

function vmsValidator(): ValidateFunction {
  if (validator === undefined) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strictTypes: false });
    addFormats(ajv, ['date']);
    // Keyed by file name, as vms.schema.json refers to them: editors resolve the same refs beside the file.
    ajv.addSchema(PLAN_SCHEMA, SCHEMA_FILES['plan']);
    ajv.addSchema(NUMBERS_SCHEMA, SCHEMA_FILES['numbers']);
    ajv.addSchema(RESOURCES_SCHEMA, SCHEMA_FILES['resources']);
    validator = ajv.compile(VMS_SCHEMA);
  }
  return validator;
}

/** Validates one parsed file against schema/vms.schema.json; returns true when it conforms. */
export function validateSchema(file: ParsedFile, sink: DiagnosticSink): boolean {
  if (file.data === null || typeof file.data !== 'object' || Array.isArray(file.data)) {
    // Every kind's branch would apply to a non-object; one plain message instead.
    const message = 'a plans file must be a mapping starting with `kind: plan`, `numbers` or `resources`';
    sink.error('PLAN_SCHEMA', message, file.locator.at([]));
    return false;
  }
  const validate = vmsValidator();
  if (validate(file.data)) return true;
  for (const err of validate.errors ?? []) {
    // `if` and `propertyNames` only wrap the error that says what is wrong, reported on its own.
    if (err.keyword === 'if' || err.keyword === 'propertyNames') continue;
    report(file, err, sink);
  }
  return false;
}

function report(file: ParsedFile, err: ErrorObject, sink: DiagnosticSink): void {
  const path = pointerToPath(err.instancePath);
  const params = err.params as Record<string, unknown>;
  if (err.keyword === 'additionalProperties') {
    const property = String(params['additionalProperty']);
    const known = Object.keys((err.parentSchema?.['properties'] as object | undefined) ?? {});
    const message = `unknown property ${JSON.stringify(property)}${suggestion(property, known)}`;
    sink.error('PLAN_SCHEMA', message, file.locator.at([...path, property], { key: true }));
    return;
  }
  if (err.propertyName !== undefined) {
    const message = `invalid name ${JSON.stringify(err.propertyName)}${expectation(err)}`;
    sink.error('PLAN_SCHEMA', message, file.locator.at([...path, err.propertyName], { key: true }));
    return;
  }
  sink.error('PLAN_SCHEMA', describe(err, params), file.locator.at(path));
}

function describe(err: ErrorObject, params: Record<string, unknown>): string {
  const value = JSON.stringify(err.data);
  switch (err.keyword) {
    case 'required':
      return `missing required property ${JSON.stringify(params['missingProperty'])}`;
    case 'enum':
      return `${value} is not one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(params['allowedValue'])}`;
    case 'pattern':
    case 'format': {
      return `${value} is not valid${expectation(err)}`;
    }
    case 'minimum':
    case 'maximum':
      return `${value} ${err.message}`;
    case 'type':
      return `${value} must be of type ${String(params['type']).replace(',', ' or ')}`;
    default:
      return err.message ?? err.keyword;
  }
}

/** `: <the schema's description>`, else ajv's own words in parentheses. */
function expectation(err: ErrorObject): string {
  const description = err.parentSchema?.['description'];
  return typeof description === 'string' ? `: ${description}` : ` (${err.message})`;
}

/** RFC 6901 JSON pointer -> path segments (array indexes as numbers). */
function pointerToPath(pointer: string): YamlPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
