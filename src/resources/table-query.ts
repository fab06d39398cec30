import type Database from 'better-sqlite3';
import type { TableQuery } from '../engine/ports.js';
import { AppError } from '../errors/app-error.js';
import type { TableResource } from '../plan/types.js';
import { buildTableDatabase } from './table-database.js';

type Row = Record<string, string | number | null>;

/** A statement kind we accept: a query, optionally after leading comments. */
const SELECT_START = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*(?:SELECT|WITH|VALUES)\b/i;

/** TableQuery over the plan's table resources (P11), plus `close()` to free the databases. */
export interface SqliteTableQuery extends TableQuery {
  close(): void;
}

/**
 * Runs plan table queries against in-memory SQLite copies of the table resources, one database per
 * table (a query sees only its own table). Databases and statements are built on first use and kept.
 */
export function createTableQuery(tables: ReadonlyMap<string, TableResource>): SqliteTableQuery {
  const databases = new Map<string, Database.Database>();
  const statements = new Map<string, Database.Statement>();
  const statementFor = (tableName: string, sql: string): Database.Statement => {
    const cacheKey = `${tableName}\u0000${sql}`;
    const cached = statements.get(cacheKey);
    if (cached) return cached;
    const table = tables.get(tableName);
    if (!table) throw new AppError('RESOURCES_UNKNOWN_TABLE', `no table resource named "${tableName}"`);
    const db = databases.get(tableName) ?? buildTableDatabase(table);
    databases.set(tableName, db);
    const statement = prepareSelect(db, table, sql);
    statements.set(cacheKey, statement);
    return statement;
  };
  return {
    queryFirst(tableName, sql, params) {
      return runFirst(statementFor(tableName, sql), tableName, params);
    },
    close() {
      for (const db of databases.values()) db.close();
      databases.clear();
      statements.clear();
    },
  };
}

/**
 * For the plan checker: why `sql` cannot run against `table` (syntax error, not a SELECT, unknown
 * column or table), or undefined when it can.
 */
export function checkTableQuery(table: TableResource, sql: string): string | undefined {
  let db: Database.Database | undefined;
  try {
    db = buildTableDatabase(table);
    prepareSelect(db, table, sql);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    db?.close();
  }
}

function prepareSelect(db: Database.Database, table: TableResource, sql: string): Database.Statement {
  const invalid = (why: string, cause?: unknown) =>
    new AppError('RESOURCES_TABLE_QUERY_INVALID', `query on table "${table.name}": ${why}`, {
      cause,
      details: { table: table.name, sql },
    });
  let statement: Database.Statement;
  try {
    statement = db.prepare(sql);
  } catch (err) {
    throw invalid(err instanceof Error ? err.message : String(err), err);
  }
  // `reader` and `readonly` come from SQLite itself; the text check also keeps out PRAGMA and EXPLAIN.
  if (!statement.reader || !statement.readonly || !SELECT_START.test(sql))
    throw invalid('only a single SELECT statement is allowed');
  return statement;
}

function runFirst(
  statement: Database.Statement,
  table: string,
  params: Readonly<Record<string, string>>,
): Row | undefined {
  let row: unknown;
  try {
    row = statement.get({ ...params });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new AppError('RESOURCES_TABLE_QUERY_FAILED', `query on table "${table}" failed: ${why}`, {
      cause: err,
      details: { table, sql: statement.source },
    });
  }
  if (row === undefined) return undefined;
  return Object.fromEntries(
    Object.entries(row as Record<string, unknown>).map(([k, v]) => [k, plainValue(v)]),
  );
}

/** SQLite may hand back bigints or blobs from expressions; variables only hold strings and numbers. */
function plainValue(value: unknown): string | number | null {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  return String(value);
}
