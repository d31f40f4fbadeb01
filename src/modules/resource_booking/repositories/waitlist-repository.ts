import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { LIVE_HOLD } from "../ledger/lapsed"
import { unguessableId } from "../utils/ids"
import { CreateWaitlistEntryInput, Paging, WaitlistEntryDTO } from "../types"
import { listPage, retrieveOne, Where } from "./paging"
import { runSql, toPgArray } from "./sql"

/**
 * Waitlist entries as clients see them: an OFFERED entry whose holds are no
 * longer live shows OFFER_EXPIRED before the next offer run records it (the
 * lapsed-hold rule, ledger/lapsed.ts); `position` counts the waiting entries
 * made earlier for the same resource or variant.
 */
export const WAITLIST_COLUMNS = `w.id,
  CASE WHEN w.status = 'OFFERED' AND NOT EXISTS (
         SELECT 1 FROM resource_hold h WHERE h.group_id = w.hold_group_id AND (${LIVE_HOLD("h")} OR h.status = 'CONFIRMED'))
       THEN 'OFFER_EXPIRED' ELSE w.status END AS status,
  CASE WHEN w.status = 'WAITING' THEN (
    SELECT count(*)::int + 1 FROM resource_waitlist_entry o
    WHERE o.status = 'WAITING' AND o.deleted_at IS NULL AND o.seq < w.seq
      AND o.resource_id IS NOT DISTINCT FROM w.resource_id AND o.variant_id IS NOT DISTINCT FROM w.variant_id
      AND o.dates && w.dates
      AND (o.departures IS NULL OR w.departures IS NULL OR o.departures && w.departures)) END AS position,
  w.resource_id, w.variant_id, w.dates::text[] AS dates,
  (SELECT jsonb_agg(jsonb_build_object('date', x::date::text, 'start_time', to_char(x, 'HH24:MI')) ORDER BY x)
   FROM unnest(w.departures) x) AS departures, w.appointment,
  w.quantity, w.customer_email, w.offer_expires_at,
  coalesce((SELECT array_agg(h.id ORDER BY h.resource_id) FROM resource_hold h WHERE h.group_id = w.hold_group_id),
           '{}'::text[]) AS resource_hold_ids,
  w.created_at, w.updated_at`

/** An entry id is unguessable, as a hold's: knowing it is what lets a customer read or leave it. */
export function generateWaitlistEntryId(): string {
  return unguessableId("waitlist_entry")
}

/** What the reads select, and from where. */
const ENTRIES = { select: WAITLIST_COLUMNS, from: "resource_waitlist_entry w" }

export async function retrieveWaitlistEntry(manager: SqlEntityManager, id: string): Promise<WaitlistEntryDTO> {
  return await retrieveOne(manager, { ...ENTRIES, id, label: "Waitlist entry" })
}

export async function listWaitlistEntries(
  manager: SqlEntityManager,
  filters: { resource_id?: string; variant_id?: string; status?: string },
  paging?: Paging
): Promise<[WaitlistEntryDTO[], number]> {
  const where = new Where("w.deleted_at IS NULL")
    .when(filters.resource_id, "(w.resource_id = ? OR w.items @> ?::jsonb)", filters.resource_id, JSON.stringify([{ resource_id: filters.resource_id }]))
    .when(filters.variant_id, "w.variant_id = ?", filters.variant_id)
    .when(filters.status, "w.status = ?", filters.status)
  return await listPage<WaitlistEntryDTO>(manager, { ...ENTRIES, where, orderBy: "w.seq", paging })
}

export async function insertWaitlistEntry(
  tx: SqlEntityManager,
  input: Omit<CreateWaitlistEntryInput, "departures"> & { id: string; dates: string[]; departures?: string[] }
): Promise<void> {
  await runSql(
    tx,
    `INSERT INTO resource_waitlist_entry (id, resource_id, variant_id, items, dates, departures, appointment, quantity, customer_email, metadata)
     VALUES (?, ?, ?, ?::jsonb, ?::date[], ?::timestamp[], ?::jsonb, ?, ?, ?::jsonb)`,
    [
      input.id,
      input.resource_id ?? null,
      input.variant_id ?? null,
      JSON.stringify(input.items),
      toPgArray(input.dates),
      input.departures ? toPgArray(input.departures) : null,
      input.appointment ? JSON.stringify(input.appointment) : null,
      input.quantity,
      input.customer_email,
      input.metadata == null ? null : JSON.stringify(input.metadata),
    ]
  )
}

/**
 * Ends a WAITING or OFFERED entry (LEFT, REMOVED), once: a conditional update.
 * Answers the entry's offer group when it had one (its holds go back), or
 * undefined when the entry had already ended.
 */
export async function endWaitlistEntry(
  tx: SqlEntityManager,
  id: string,
  status: "LEFT" | "REMOVED"
): Promise<{ hold_group_id: string | null; resource_ids: string[] } | undefined> {
  const [row] = await runSql(
    tx,
    `UPDATE resource_waitlist_entry w SET status = ?, ended_at = now()
     WHERE w.id = ? AND w.status IN ('WAITING', 'OFFERED') AND w.deleted_at IS NULL
     RETURNING w.hold_group_id, ARRAY(SELECT x->>'resource_id' FROM jsonb_array_elements(w.items) x) AS resource_ids`,
    [status, id]
  )
  return row
}

/** Compensation of a create: the entry goes (it was never offered). */
export async function discardWaitlistEntry(tx: SqlEntityManager, id: string): Promise<void> {
  await runSql(tx, `DELETE FROM resource_waitlist_entry WHERE id = ? AND status = 'WAITING'`, [id])
}
