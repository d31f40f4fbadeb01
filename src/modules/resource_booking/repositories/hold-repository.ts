import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { notFound } from "../errors"
import { HOLD_STATUS, LAPSED_HOLD, LIVE_HOLD } from "../ledger/lapsed"
import { Paging, ResourceHoldDTO } from "../types"
import { listPage, Where } from "./paging"
import { runSql, toPgArray } from "./sql"

export const HOLD_COLUMNS = `h.id, h.group_id, h.resource_id, h.dates::text[] AS dates, h.quantity, h.customer_email,
  ${HOLD_STATUS("h")} AS status,
  h.expires_at, h.confirmed_at, h.metadata, h.created_at, h.updated_at`

export type HoldFilters = {
  resource_id?: string
  status?: string
  customer_email?: string
  ids?: string[]
  group_ids?: string[]
}

export async function retrieveHold(manager: SqlEntityManager, holdId: string): Promise<ResourceHoldDTO> {
  const [hold] = await runSql(manager, `SELECT ${HOLD_COLUMNS} FROM resource_hold h WHERE h.id = ?`, [holdId])
  if (!hold) throw notFound(`Resource hold with id: ${holdId} was not found`)
  return hold
}

/** The holds of the groups the given holds belong to, by resource id. */
export async function listHoldGroups(manager: SqlEntityManager, holdIds: string[]): Promise<ResourceHoldDTO[]> {
  return await runSql(
    manager,
    `SELECT ${HOLD_COLUMNS} FROM resource_hold h
     WHERE h.group_id IN (SELECT g.group_id FROM resource_hold g WHERE g.id = ANY(?::text[]))
     ORDER BY h.group_id, h.resource_id`,
    [toPgArray(holdIds)]
  )
}

/** The holds of the group whose head carries this idempotency token. */
export async function listHoldsByToken(manager: SqlEntityManager, token: string): Promise<ResourceHoldDTO[]> {
  return await runSql(
    manager,
    `SELECT ${HOLD_COLUMNS} FROM resource_hold h
     WHERE h.group_id = (SELECT g.id FROM resource_hold g WHERE g.idempotency_token = ? AND g.id = g.group_id)
     ORDER BY h.resource_id`,
    [token]
  )
}

export async function listHolds(
  manager: SqlEntityManager,
  filters: HoldFilters,
  paging?: Paging
): Promise<[ResourceHoldDTO[], number]> {
  const where = new Where()
    .when(filters.resource_id, "h.resource_id = ?", filters.resource_id)
    .when(filters.ids, "h.id = ANY(?::text[])", filters.ids && toPgArray(filters.ids))
    .when(filters.group_ids, "h.group_id = ANY(?::text[])", filters.group_ids && toPgArray(filters.group_ids))
    .when(filters.customer_email, "lower(h.customer_email) = lower(?)", filters.customer_email)
  if (filters.status === "ACTIVE") where.when(true, LIVE_HOLD("h"))
  else if (filters.status === "EXPIRED") where.when(true, `(h.status = 'EXPIRED' OR (${LAPSED_HOLD("h")}))`)
  else where.when(filters.status, "h.status = ?", filters.status)
  return await listPage<ResourceHoldDTO>(manager, {
    select: HOLD_COLUMNS,
    from: "resource_hold h",
    where,
    orderBy: "h.created_at DESC, h.id",
    paging,
  })
}

/** A day's unexpired ACTIVE holds on one resource. */
export async function listLiveHoldsOn(manager: SqlEntityManager, resourceId: string, date: string): Promise<ResourceHoldDTO[]> {
  return await runSql(
    manager,
    `SELECT ${HOLD_COLUMNS} FROM resource_hold h
     WHERE h.resource_id = ? AND ${LIVE_HOLD("h")} AND h.dates @> ARRAY[?::date]
     ORDER BY h.created_at`,
    [resourceId, date]
  )
}
