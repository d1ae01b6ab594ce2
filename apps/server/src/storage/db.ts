import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Db as BossDb, fromPglite } from 'pg-boss';

/**
 * One SQL dialect (PostgreSQL) over two drivers: embedded PGlite under the data dir by default, a
 * `pg` pool when DATABASE_URL is set. Every query in the server goes through `query`.
 */
export interface Db {
  readonly kind: 'pglite' | 'postgres';
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Multi-statement SQL without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** What pg-boss should connect with: our PGlite instance, or its own pool on the same URL. */
  readonly boss: { db: BossDb } | { connectionString: string };
  close(): Promise<void>;
}

export async function openDb(options: { databaseUrl?: string; dataDir: string }): Promise<Db> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(`${options.dataDir}/db`);
}

/** The PGlite directory is held by another live process. */
export class DataDirLockedError extends Error {
  readonly pid: number;

  constructor(dir: string, pid: number) {
    super(
      `the database in ${dir} is in use by process ${pid}; stop it first, or share a PostgreSQL database via DATABASE_URL`,
    );
    this.pid = pid;
  }
}

/**
 * PGlite is one process's database: a second process opening the same directory would corrupt it.
 * A pid file guards it; a stale one (its process is gone, e.g. after kill -9) is taken over.
 */
function lockDataDir(dir: string): () => void {
  const lock = `${dir}/distillery.pid`;
  try {
    const pid = Number(readFileSync(lock, 'utf8'));
    if (pid && pid !== process.pid) {
      try {
        process.kill(pid, 0);
        throw new DataDirLockedError(dir, pid);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
      }
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  writeFileSync(lock, String(process.pid));
  return () => rmSync(lock, { force: true });
}

async function openPglite(dir: string): Promise<Db> {
  mkdirSync(dir, { recursive: true });
  const unlock = lockDataDir(dir);
  const pglite = await PGlite.create(dir);
  return {
    kind: 'pglite',
    async query<T>(text: string, params: unknown[] = []) {
      return (await pglite.query<T>(text, params)).rows;
    },
    async exec(sql) {
      await pglite.exec(sql);
    },
    boss: { db: fromPglite(pglite) },
    async close() {
      await pglite.close();
      unlock();
    },
  };
}

async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Fail at start, not on the first request, when the database is unreachable.
  await pool.query('select 1');
  return {
    kind: 'postgres',
    async query<T>(text: string, params: unknown[] = []) {
      return (await pool.query(text, params)).rows as T[];
    },
    async exec(sql) {
      await pool.query(sql);
    },
    boss: { connectionString: url },
    async close() {
      await pool.end();
    },
  };
}
