import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { DEFAULT_PAGE_SIZE } from "../constants"
import { Paging } from "../types"
import { notFound } from "../errors"
import { runSql } from "./sql"

export function pageOf(paging: Paging | undefined): { limit: number; offset: number } {
  return {
    limit: Math.min(Math.max(Math.trunc(paging?.limit ?? DEFAULT_PAGE_SIZE), 1), 1000),
    offset: Math.max(Math.trunc(paging?.offset ?? 0), 0),
  }
}

/** A WHERE clause built from optional filters. */
export class Where {
  readonly clauses: string[] = []
  readonly params: unknown[] = []

  constructor(...always: string[]) {
    this.clauses.push(...always)
  }

  /** Adds `clause` with its params when `value` is given (not undefined, null or ""). */
  when(value: unknown, clause: string, ...params: unknown[]): this {
    if (value !== undefined && value !== null && value !== "") {
      this.clauses.push(clause)
      this.params.push(...params)
    }
    return this
  }

  toString(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(" AND ")}` : ""
  }
}

/** One page of `select` rows and the total count, for the list reads. */
export async function listPage<T>(
  manager: SqlEntityManager,
  page: { select: string; from: string; where: Where; orderBy: string; paging?: Paging }
): Promise<[T[], number]> {
  const { limit, offset } = pageOf(page.paging)
  const rows = await runSql(
    manager,
    `SELECT ${page.select}, count(*) OVER () AS total_count FROM ${page.from} ${page.where}
     ORDER BY ${page.orderBy} LIMIT ? OFFSET ?`,
    [...page.where.params, limit, offset]
  )
  // A page past the end has no row to carry the total: count separately. An
  // empty first page means nothing matched in this statement's snapshot: its
  // count is 0, not a second statement's (which could see a row committed in
  // between and answer [[], 1]).
  const count = rows.length
    ? Number(rows[0].total_count)
    : offset === 0
      ? 0
      : (await runSql(manager, `SELECT count(*)::int AS count FROM ${page.from} ${page.where}`, page.where.params))[0].count
  return [rows.map(({ total_count, ...row }: any) => row as T), count]
}

/** One live row by id, or the module's 404 naming what was looked for. */
export async function retrieveOne<T>(
  manager: SqlEntityManager,
  query: { select: string; from: string; id: string; label: string }
): Promise<T> {
  const alias = query.from.split(" ").pop()
  const [row] = await runSql(
    manager,
    `SELECT ${query.select} FROM ${query.from} WHERE ${alias}.id = ? AND ${alias}.deleted_at IS NULL`,
    [query.id]
  )
  if (!row) throw notFound(`${query.label} with id: ${query.id} was not found`)
  return row as T
}
