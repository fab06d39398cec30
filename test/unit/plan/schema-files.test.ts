import { describe, expect, it } from 'vitest';
import { NUMBERS_SCHEMA } from '../../../src/plan/schema/numbers-schema.js';
import { PLAN_SCHEMA } from '../../../src/plan/schema/plan-schema.js';
import { RESOURCES_SCHEMA } from '../../../src/plan/schema/resources-schema.js';
import { VMS_SCHEMA } from '../../../src/plan/schema/vms-schema.js';

// The schema/ files are what editors read; the TypeScript objects are what the loader validates with.
// They must be the same: after changing a schema, run `npx vitest run test/unit/plan/schema-files.test.ts -u`.
const FILES = {
  'vms.schema.json': VMS_SCHEMA,
  'plan.schema.json': PLAN_SCHEMA,
  'numbers.schema.json': NUMBERS_SCHEMA,
  'resources.schema.json': RESOURCES_SCHEMA,
};

describe('schema/*.schema.json', () => {
  it.each(Object.entries(FILES))('%s is the schema the loader validates with', async (file, schema) => {
    await expect(`${JSON.stringify(schema, null, 2)}\n`).toMatchFileSnapshot(`../../../schema/${file}`);
  });

  it.each(Object.entries(FILES))(
    '%s describes every property, so editors can explain them',
    (_file, schema) => {
      const undescribed: string[] = [];
      const visit = (node: unknown, path: string): void => {
        if (node === null || typeof node !== 'object') return;
        const properties = (node as { properties?: Record<string, { description?: string; $ref?: string }> })
          .properties;
        for (const [name, property] of Object.entries(properties ?? {})) {
          if (property.description === undefined && property.$ref === undefined)
            undescribed.push(`${path}.${name}`);
        }
        // `if` clauses only select a branch (on `kind` or `type`): not shown to people.
        for (const [key, child] of Object.entries(node)) if (key !== 'if') visit(child, `${path}.${key}`);
      };
      visit(schema, '');
      expect(undescribed).toEqual([]);
    },
  );
});
