import Database from 'better-sqlite3';
import { AppError } from '../errors/app-error.js';
import type { TableResource } from '../plan/types.js';

/** SQL identifier quoting: a resource or column name may hold any character. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * One private in-memory SQLite database per table resource, holding just that table under the
 * resource's name. Columns are untyped (SQLite keeps each value's own type), and the database is
 * switched to query_only once filled: even a statement that slipped past the SELECT check cannot write.
 */
export function buildTableDatabase(table: TableResource): Database.Database {
  checkShape(table);
  const db = new Database(':memory:');
  try {
    const columns = table.columns.map(quoteIdentifier);
    db.exec(`CREATE TABLE ${quoteIdentifier(table.name)} (${columns.join(', ')})`);
    const insert = db.prepare(
      `INSERT INTO ${quoteIdentifier(table.name)} VALUES (${columns.map(() => '?').join(', ')})`,
    );
    db.transaction(() => {
      for (const row of table.rows) insert.run(...row);
    })();
    db.pragma('query_only = ON');
    return db;
  } catch (err) {
    db.close();
    throw new AppError('RESOURCES_TABLE_INVALID', `table "${table.name}" cannot be loaded: ${String(err)}`, {
      cause: err,
      location: table.source,
    });
  }
}

function checkShape(table: TableResource): void {
  const problem = shapeProblem(table);
  if (problem)
    throw new AppError('RESOURCES_TABLE_INVALID', `table "${table.name}": ${problem}`, {
      location: table.source,
    });
}

function shapeProblem(table: TableResource): string | undefined {
  if (table.columns.length === 0) return 'it has no columns';
  if (table.columns.some((c) => c.trim() === '')) return 'a column name is empty';
  const duplicate = table.columns.find((c, i) => table.columns.indexOf(c) !== i);
  if (duplicate !== undefined) return `column "${duplicate}" appears twice`;
  const index = table.rows.findIndex((row) => row.length !== table.columns.length);
  if (index >= 0)
    return `row ${index + 1} has ${table.rows[index]?.length} values for ${table.columns.length} columns`;
  return undefined;
}
