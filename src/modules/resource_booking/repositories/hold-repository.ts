import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { notFound } from "../errors"
import { HOLD_STATUS, LAPSED_HOLD, LIVE_HOLD } from "../ledger/lapsed"
import { Paging, ResourceHoldDTO } from "../types"
import { listPage, Where } from "./paging"
import { runSql, toPgArray } from "./sql"

export const HOLD_COLUMNS = `h.id, h.group_id, h.resource_id, h.dates::text[] AS dates,
  resource_booking_departures_json(h.resource_id, h.departures) AS departures, h.appointment, h.starts_at, h.ends_at,
  h.quantity, h.customer_email, ${HOLD_STATUS("h")} AS status,
  h.expires_at, h.confirmed_at, h.channel, h.metadata, h.created_at, h.updated_at`

export type HoldFilters = {
  resource_id?: string
  status?: string
  customer_email?: string
  ids?: string[]
  group_ids?: string[]
  /** Holds put on this cart by the cart booking route (`metadata.cart_id`). */
  cart_id?: string
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
    .when(filters.cart_id, "h.metadata->>'cart_id' = ?", filters.cart_id)
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

/**
 * Puts a hold group on a cart: `metadata.cart_id` is set on every hold of the
 * group when none of them is on another cart (a conditional update: of two
 * carts asking at once, one wins). Only ACTIVE, unexpired groups. Answers the
 * group's holds as they are now and whether this call put them on the cart.
 */
export async function claimHoldGroupForCart(
  tx: SqlEntityManager,
  input: { hold_id: string; cart_id: string }
): Promise<{ holds: ResourceHoldDTO[]; claimed: boolean }> {
  const claimed = await runSql(
    tx,
    `WITH grp AS (
       SELECT h.id FROM resource_hold h
       WHERE h.group_id = (SELECT g.group_id FROM resource_hold g WHERE g.id = ?)
       ORDER BY h.id FOR UPDATE
     )
     UPDATE resource_hold h SET metadata = coalesce(h.metadata, '{}'::jsonb) || jsonb_build_object('cart_id', ?::text)
     FROM grp
     WHERE h.id = grp.id AND ${LIVE_HOLD("h")} AND (h.metadata->>'cart_id') IS NULL
       AND NOT EXISTS (
         SELECT 1 FROM resource_hold o JOIN grp ON grp.id = o.id
         WHERE NOT (${LIVE_HOLD("o")}) OR coalesce(o.metadata->>'cart_id', ?) <> ?
       )
     RETURNING h.id`,
    [input.hold_id, input.cart_id, input.cart_id, input.cart_id]
  )
  return { holds: await listHoldGroups(tx, [input.hold_id]), claimed: claimed.length > 0 }
}

/** Compensation of claimHoldGroupForCart: the group leaves the cart again. */
export async function unclaimHoldGroup(tx: SqlEntityManager, input: { hold_id: string; cart_id: string }): Promise<void> {
  await runSql(
    tx,
    `UPDATE resource_hold h SET metadata = h.metadata - 'cart_id'
     WHERE h.group_id = (SELECT g.group_id FROM resource_hold g WHERE g.id = ?) AND h.metadata->>'cart_id' = ?`,
    [input.hold_id, input.cart_id]
  )
}
