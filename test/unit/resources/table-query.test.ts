import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../src/errors/index.js';
import type { TableResource } from '../../../src/plan/types.js';
import { checkTableQuery, createTableQuery } from '../../../src/resources/index.js';

const source = { file: 'plans/resources.yaml', line: 9, column: 3, path: 'tables.customers' };
const customers: TableResource = {
  name: 'customers',
  source,
  columns: ['cli', 'tier', 'credit'],
  rows: [
    ['+32475000001', 'gold', 12.5],
    ['+32475000002', 'silver', null],
    ['+32475000003', 'gold', 3],
  ],
};
const agents: TableResource = {
  name: 'agents',
  source,
  columns: ['ext', 'number'],
  rows: [['101', '+3222022201']],
};
const tables = new Map([
  ['customers', customers],
  ['agents', agents],
]);

function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('createTableQuery', () => {
  const query = createTableQuery(tables);

  it('returns the first row of a SELECT with call variables as named parameters', () => {
    const sql = 'SELECT tier, credit FROM customers WHERE cli = :caller';
    expect(query.queryFirst('customers', sql, { caller: '+32475000001' })).toEqual({
      tier: 'gold',
      credit: 12.5,
    });
    expect(query.queryFirst('customers', sql, { caller: '+32475000002' })).toEqual({
      tier: 'silver',
      credit: null,
    });
  });

  it('returns undefined when no row matches', () => {
    const sql = 'SELECT tier FROM customers WHERE cli = :caller';
    expect(query.queryFirst('customers', sql, { caller: '+32499999999' })).toBeUndefined();
  });

  it('keeps the row order of the resource for the first row', () => {
    const sql = "SELECT cli FROM customers WHERE tier = 'gold'";
    expect(query.queryFirst('customers', sql, {})).toEqual({ cli: '+32475000001' });
  });

  it('ignores call variables the query does not name', () => {
    const sql = 'SELECT number FROM agents WHERE ext = :digits';
    expect(query.queryFirst('agents', sql, { digits: '101', caller: '+32' })).toEqual({
      number: '+3222022201',
    });
  });

  it('lets a query see only its own table', () => {
    const err = errorOf(() => query.queryFirst('agents', 'SELECT tier FROM customers', {}));
    expect(isAppError(err, 'RESOURCES_TABLE_QUERY_INVALID')).toBe(true);
  });

  it('refuses statements other than a SELECT', () => {
    for (const sql of ['DELETE FROM customers', 'PRAGMA table_info(customers)', "ATTACH ':memory:' AS x"]) {
      const err = errorOf(() => query.queryFirst('customers', sql, {}));
      expect(isAppError(err, 'RESOURCES_TABLE_QUERY_INVALID'), sql).toBe(true);
    }
  });

  it('fails with RESOURCES_TABLE_QUERY_FAILED when a named parameter has no variable', () => {
    const err = errorOf(() =>
      query.queryFirst('customers', 'SELECT tier FROM customers WHERE cli = :nope', {}),
    );
    expect(isAppError(err, 'RESOURCES_TABLE_QUERY_FAILED')).toBe(true);
    expect((err as Error).message).toContain('nope');
  });

  it('fails with RESOURCES_UNKNOWN_TABLE for a table that is not a resource', () => {
    const err = errorOf(() => query.queryFirst('missing', 'SELECT 1', {}));
    expect(isAppError(err, 'RESOURCES_UNKNOWN_TABLE')).toBe(true);
  });

  it('loads a table whose name and columns need quoting', () => {
    const odd: TableResource = { name: 'opening "hours"', source, columns: ['day of week'], rows: [['mon']] };
    const q = createTableQuery(new Map([[odd.name, odd]]));
    expect(q.queryFirst(odd.name, 'SELECT "day of week" AS d FROM "opening ""hours"""', {})).toEqual({
      d: 'mon',
    });
    q.close();
  });
});

describe('checkTableQuery', () => {
  it('accepts a valid SELECT, with or without leading comments or a WITH clause', () => {
    expect(checkTableQuery(customers, 'SELECT tier FROM customers WHERE cli = :caller')).toBeUndefined();
    expect(checkTableQuery(customers, '-- tier\n  select tier from customers')).toBeUndefined();
    expect(
      checkTableQuery(customers, 'WITH g AS (SELECT * FROM customers) SELECT cli FROM g'),
    ).toBeUndefined();
  });

  it('names the syntax error', () => {
    expect(checkTableQuery(customers, 'SELEC tier FROM customers')).toMatch(/syntax error/);
  });

  it('names an unknown column and an unknown table', () => {
    expect(checkTableQuery(customers, 'SELECT rank FROM customers')).toMatch(/no such column: rank/);
    expect(checkTableQuery(customers, 'SELECT tier FROM clients')).toMatch(/no such table: clients/);
  });

  it('refuses a statement that is not a SELECT, and several statements', () => {
    expect(checkTableQuery(customers, "UPDATE customers SET tier = 'x'")).toMatch(/only a single SELECT/);
    expect(checkTableQuery(customers, 'SELECT 1; SELECT 2')).toMatch(/more than one statement/);
  });

  it('reports a row whose width does not match the columns', () => {
    const bad: TableResource = { ...customers, rows: [['+32475000001', 'gold']] };
    expect(checkTableQuery(bad, 'SELECT tier FROM customers')).toMatch(/row 1 has 2 values for 3 columns/);
    const err = errorOf(() =>
      createTableQuery(new Map([['customers', bad]])).queryFirst('customers', 'SELECT 1', {}),
    );
    expect(isAppError(err, 'RESOURCES_TABLE_INVALID')).toBe(true);
  });

  it('reports a duplicate column', () => {
    const bad: TableResource = { ...customers, columns: ['cli', 'cli', 'x'] };
    expect(checkTableQuery(bad, 'SELECT cli FROM customers')).toMatch(/column "cli" appears twice/);
  });
});
