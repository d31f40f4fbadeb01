import { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
  generateEntityId,
} from "@medusajs/framework/utils"
import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import {
  Resource,
  ResourceAllocation,
  ResourceBlackout,
  ResourceCapacity,
  ResourceCapacityAudit,
  ResourceHold,
} from "./models"
import { resolveOptions, ResourceBookingOptions } from "./options"
import {
  AvailabilityDTO,
  CancelAllocationResult,
  CapacityAuditDTO,
  CapacityChangeReason,
  CapacityDayDTO,
  ConfirmHoldInput,
  ConfirmHoldResult,
  CreateBlackoutInput,
  CreateBlackoutResult,
  CreateHoldInput,
  CreateHoldResult,
  ExpireHoldsResult,
  Paging,
  ReleaseHoldResult,
  ResourceAllocationDTO,
  ResourceBlackoutDTO,
  ResourceHoldDTO,
  ResourceType,
  SetCapacityInput,
  SetCapacityResult,
  UtilizationRowDTO,
} from "./types"
import {
  countDatesInclusive,
  datesInRange,
  isCalendarDate,
  sortUniqueDates,
  todayIn,
  weekdayOf,
} from "./utils/dates"
import { generateHoldId, resourceLockKey, toPgArray } from "./utils/sql"

type InjectedDependencies = Record<string, unknown>

/** One change of capacity on some dates, and what caused it. */
type CapacityMovement = {
  dates: string[]
  /** Signed: negative takes capacity, positive gives it back. */
  delta: number
  hold_id?: string | null
  allocation_id?: string | null
}

/** What one attempt to create a hold found, and the hold when it made one. */
type HoldAttempt = {
  verdict: "ok" | "replay" | "not_found" | "blackout" | "no_capacity" | "short"
  hold: ResourceHoldDTO
  existingHoldId: string
  blackedOutDates: string[]
  noCapacityDates: string[]
  shortDates: string[]
}

const EMAIL_PATTERN = /^[^\s@"<>(),;:\\[\]]+@[^\s@"<>(),;:\\[\]]+\.[^\s@"<>(),;:\\[\]]+$/

const HOLD_COLUMNS = `h.id, h.resource_id, h.dates::text[] AS dates, h.quantity, h.customer_email,
  CASE WHEN h.status = 'ACTIVE' AND h.expires_at <= now() THEN 'EXPIRED' ELSE h.status END AS status,
  h.expires_at, h.confirmed_at, h.metadata, h.created_at, h.updated_at`

const ALLOCATION_COLUMNS = `a.id, a.resource_id, a.hold_id, a.order_id, a.line_item_id, a.dates::text[] AS dates,
  a.quantity, a.status, a.capacity_deducted, a.needs_review, a.review_reason, a.canceled_at, a.metadata,
  a.created_at, a.updated_at`

const BLACKOUT_COLUMNS = `b.id, b.resource_id, b.start_date::text AS start_date, b.end_date::text AS end_date,
  b.reason, b.created_at, b.updated_at`

/** Runs SQL (knex `?` placeholders) on the transaction's connection. */
async function runSql<T = any>(manager: SqlEntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await manager.execute(sql, params as any[])) as T[]
}

/**
 * The connection a read runs on: the caller's transaction when there is one
 * (a write reading its own changes), else a plain connection: a read needs no
 * BEGIN/COMMIT round trips.
 */
function readerOf(sharedContext: Context): SqlEntityManager {
  return (sharedContext.transactionManager ?? sharedContext.manager) as SqlEntityManager
}

function conflict(message: string): MedusaError {
  return new MedusaError(MedusaError.Types.CONFLICT, message)
}

function invalid(message: string): MedusaError {
  return new MedusaError(MedusaError.Types.INVALID_DATA, message)
}

function notFound(message: string): MedusaError {
  return new MedusaError(MedusaError.Types.NOT_FOUND, message)
}

function pageOf(paging: Paging | undefined): { limit: number; offset: number } {
  return {
    limit: Math.min(Math.max(Math.trunc(paging?.limit ?? 20), 1), 1000),
    offset: Math.max(Math.trunc(paging?.offset ?? 0), 0),
  }
}

/**
 * The resource_booking module.
 *
 * Generated CRUD (MedusaService) serves resources. Everything that touches
 * capacity is custom SQL, one transaction per operation, built on two rules
 * kept here and in the module's migrations only:
 *
 * 1. Lock order. A transaction that reads-then-changes a resource's capacity,
 *    holds, allocations or blackouts first takes that resource's
 *    transaction-scoped advisory lock (`lockResources_`), several resources in
 *    ascending key order. Every such check-and-update is then atomic across any
 *    number of server processes, and no two transactions can wait on each other
 *    in a cycle. (Row locks taken by `UPDATE … WHERE date IN (…)` come in no fixed
 *    order and deadlock under load; per-date row locks in date order would work
 *    too, but reclaiming an expired hold touches dates outside the request and
 *    would break that order.)
 * 2. Capacity arithmetic. `available_capacity` only changes in the database
 *    function resource_booking_apply_capacity_movements (second migration;
 *    called through `applyCapacityMovements_` and by the hold function), which
 *    writes the audit row of every change in the same statement. The table's
 *    CHECKs (0 ≤ available ≤ max) are the last guard.
 *
 * The hot path, a hold, is one call of resource_booking_try_create_hold in
 * autocommit: lock, checks, insert and capacity in one round trip, so the
 * lock is never held while this process is busy with other requests.
 *
 * Expiry rule: an ACTIVE hold past `expires_at` still holds its capacity in the
 * table until it is expired (by the sweep, or by a hold request that needs the
 * capacity), but every read reports it as EXPIRED and its capacity as free.
 */
export default class ResourceBookingModuleService extends MedusaService({
  Resource,
  ResourceCapacity,
  ResourceHold,
  ResourceAllocation,
  ResourceBlackout,
  ResourceCapacityAudit,
}) {
  protected readonly options_: ResourceBookingOptions

  constructor(container: InjectedDependencies, options?: Partial<ResourceBookingOptions>) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = resolveOptions(options)
  }

  getOptions(): ResourceBookingOptions {
    return { ...this.options_ }
  }

  /** Today in the module's time zone. */
  today(): string {
    return todayIn(this.options_.timezone)
  }

  // ---------------------------------------------------------------- checks

  /** Validates a `from`..`to` query range. Past dates are allowed (reads only). */
  assertRange(from: string, to: string, fields: [string, string] = ["from", "to"]): void {
    if (!isCalendarDate(from)) throw invalid(`${fields[0]} must be a valid date (YYYY-MM-DD)`)
    if (!isCalendarDate(to)) throw invalid(`${fields[1]} must be a valid date (YYYY-MM-DD)`)
    if (to < from) throw invalid(`${fields[1]} must not be before ${fields[0]}`)
    const days = countDatesInclusive(from, to)
    if (days > this.options_.maxRangeDays) {
      throw invalid(
        `${fields[0]}..${fields[1]} covers ${days} dates; at most ${this.options_.maxRangeDays} are allowed`
      )
    }
  }

  protected assertNotPast(dates: string[], field: string): void {
    const today = this.today()
    const past = dates.filter((date) => date < today)
    if (past.length) {
      throw invalid(`${field} must not be in the past (today is ${today} in ${this.options_.timezone}): ${past.join(", ")}`)
    }
  }

  protected validateHoldInput(input: CreateHoldInput): { dates: string[]; email: string } {
    if (typeof input.resource_id !== "string" || !input.resource_id) {
      throw invalid("resource_id is required")
    }
    if (!Array.isArray(input.dates) || input.dates.length === 0) {
      throw invalid("dates must be a non-empty array of dates")
    }
    if (input.dates.length > this.options_.maxDatesPerHold) {
      throw invalid(`dates may name at most ${this.options_.maxDatesPerHold} dates`)
    }
    const bad = input.dates.filter((date) => !isCalendarDate(date))
    if (bad.length) throw invalid(`dates must be valid dates (YYYY-MM-DD): ${bad.slice(0, 5).join(", ")}`)
    const dates = sortUniqueDates(input.dates)
    if (dates.length !== input.dates.length) throw invalid("dates must not contain duplicates")
    this.assertNotPast(dates, "dates")
    if (!Number.isInteger(input.quantity) || input.quantity < 1 || input.quantity > 1_000_000) {
      throw invalid("quantity must be an integer of at least 1")
    }
    const email = typeof input.customer_email === "string" ? input.customer_email.trim() : ""
    if (!EMAIL_PATTERN.test(email) || email.length > 254) {
      throw invalid("customer_email must be a valid email address")
    }
    if (input.idempotency_token !== undefined) {
      if (typeof input.idempotency_token !== "string" || !input.idempotency_token.length || input.idempotency_token.length > 255) {
        throw invalid("idempotency_token must be a string of 1 to 255 characters")
      }
    }
    return { dates, email }
  }

  // ---------------------------------------------------------------- locking & arithmetic

  /**
   * Takes the transaction-scoped advisory lock of each resource, in key order
   * (rule 1 above), and marks the transaction as audited so the safety-net
   * trigger does not log the module's own changes twice.
   */
  protected async lockResources_(manager: SqlEntityManager, resourceIds: string[]): Promise<void> {
    const keys = [...new Set(resourceIds)].map(resourceLockKey).sort((a, b) =>
      BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0
    )
    for (const [index, key] of keys.entries()) {
      await runSql(manager, 
        index === 0
          ? `SELECT set_config('resource_booking.audited', 'on', true), pg_advisory_xact_lock(?::bigint)`
          : `SELECT pg_advisory_xact_lock(?::bigint)`,
        [key]
      )
    }
  }

  /**
   * The only writer of `available_capacity` (rule 2 above). Applies every
   * movement to the resource's capacity rows and writes one audit row per
   * movement and date, with the running old/new values. Callers hold the
   * resource's lock and have checked that no date goes below 0.
   */
  protected async applyCapacityMovements_(
    manager: SqlEntityManager,
    resourceId: string,
    reason: CapacityChangeReason,
    movements: CapacityMovement[],
    actorId: string | null = null
  ): Promise<void> {
    const moving = movements.filter((movement) => movement.delta !== 0 && movement.dates.length)
    if (!moving.length) return
    await runSql(manager, `SELECT resource_booking_apply_capacity_movements(?, ?, ?, ?::jsonb)`, [
      resourceId,
      reason,
      actorId,
      JSON.stringify(
        moving.map((movement) => ({
          hold_id: movement.hold_id ?? null,
          allocation_id: movement.allocation_id ?? null,
          delta: movement.delta,
          dates: movement.dates,
        }))
      ),
    ])
  }

  /**
   * Expires a resource's ACTIVE holds that are past `expires_at` and gives
   * their capacity back. Caller holds the resource's lock. With `onDates`, only
   * holds that name one of those dates (what a hold request needs).
   */
  protected async expireHoldsOfResource_(
    manager: SqlEntityManager,
    resourceId: string,
    limit: number,
    onDates?: string[]
  ): Promise<string[]> {
    const expired: { id: string; dates: string[]; quantity: number }[] = await runSql(manager, 
      `UPDATE resource_hold h SET status = 'EXPIRED'
       WHERE h.id IN (
         SELECT id FROM resource_hold
         WHERE resource_id = ? AND status = 'ACTIVE' AND expires_at <= now()
           ${onDates ? "AND dates && ?::date[]" : ""}
         ORDER BY expires_at
         LIMIT ?
         FOR UPDATE SKIP LOCKED
       )
       RETURNING h.id, h.dates::text[] AS dates, h.quantity`,
      onDates ? [resourceId, toPgArray(onDates), limit] : [resourceId, limit]
    )
    await this.applyCapacityMovements_(
      manager,
      resourceId,
      "EXPIRE",
      expired.map((hold) => ({ hold_id: hold.id, dates: hold.dates, delta: hold.quantity }))
    )
    return expired.map((hold) => hold.id)
  }

  // ---------------------------------------------------------------- reads

  protected async getLiveResource_(
    manager: SqlEntityManager,
    resourceId: string,
    { requireActive }: { requireActive: boolean }
  ): Promise<{ id: string; name: string; is_active: boolean }> {
    const [row] = await runSql(manager, 
      `SELECT id, name, is_active FROM resource WHERE id = ? AND deleted_at IS NULL`,
      [resourceId]
    )
    if (!row || (requireActive && !row.is_active)) {
      throw notFound(`Resource with id: ${resourceId} was not found`)
    }
    return row
  }

  @InjectManager()
  async getAvailability(
    input: { resource_id: string; from: string; to: string; quantity?: number; require_active?: boolean },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<AvailabilityDTO> {
    const manager = readerOf(sharedContext)
    const quantity = input.quantity ?? 1
    if (!Number.isInteger(quantity) || quantity < 1) throw invalid("quantity must be an integer of at least 1")
    this.assertRange(input.from, input.to)
    const rows: {
      resource_active: boolean | null
      date: string
      max_capacity: number | null
      available_capacity: number | null
      is_blacked_out: boolean
    }[] = await runSql(
      manager,
      // One statement: the resource check and every date of the range.
      // Capacity still taken by ACTIVE holds past expires_at is reported free
      // (contract invariant 3). The partial index on ACTIVE holds keeps this
      // independent of how many finished holds the table has.
      `WITH days AS (
         SELECT d::date AS date FROM generate_series(?::date, ?::date, interval '1 day') AS d
       ),
       lapsed AS (
         SELECT d AS date, sum(h.quantity)::int AS quantity
         FROM resource_hold h, unnest(h.dates) AS d
         WHERE h.resource_id = ? AND h.status = 'ACTIVE' AND h.expires_at <= now()
           AND d BETWEEN ?::date AND ?::date
         GROUP BY d
       )
       SELECT (SELECT r.is_active FROM resource r WHERE r.id = ? AND r.deleted_at IS NULL) AS resource_active,
              days.date::text AS date, c.max_capacity,
              c.available_capacity + coalesce(lapsed.quantity, 0) AS available_capacity,
              EXISTS (
                SELECT 1 FROM resource_blackout b
                WHERE b.resource_id = ? AND b.deleted_at IS NULL
                  AND days.date BETWEEN b.start_date AND b.end_date
              ) AS is_blacked_out
       FROM days
       LEFT JOIN resource_capacity c ON c.resource_id = ? AND c.date = days.date
       LEFT JOIN lapsed ON lapsed.date = days.date
       ORDER BY days.date`,
      [input.from, input.to, input.resource_id, input.from, input.to, input.resource_id, input.resource_id, input.resource_id]
    )
    const active = rows[0]?.resource_active
    if (active == null || (!active && (input.require_active ?? true))) {
      throw notFound(`Resource with id: ${input.resource_id} was not found`)
    }
    const today = this.today()
    const dates = rows.map((row) => {
      const max = row.max_capacity ?? 0
      const available = Math.min(row.available_capacity ?? 0, max)
      return {
        date: row.date,
        max_capacity: max,
        available_capacity: available,
        is_blacked_out: row.is_blacked_out,
        is_available: row.date >= today && !row.is_blacked_out && available >= quantity,
      }
    })
    return {
      resource_id: input.resource_id,
      from: input.from,
      to: input.to,
      quantity,
      is_available: dates.every((date) => date.is_available),
      dates,
    }
  }

  @InjectManager()
  async listCapacity(
    input: { resource_id: string; from: string; to: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CapacityDayDTO[]> {
    const manager = readerOf(sharedContext)
    this.assertRange(input.from, input.to)
    await this.getLiveResource_(manager, input.resource_id, { requireActive: false })
    return await runSql(manager, 
      `SELECT date::text AS date, max_capacity, available_capacity
       FROM resource_capacity WHERE resource_id = ? AND date BETWEEN ?::date AND ?::date ORDER BY date`,
      [input.resource_id, input.from, input.to]
    )
  }

  @InjectManager()
  async retrieveHold(holdId: string, @MedusaContext() sharedContext: Context = {}): Promise<ResourceHoldDTO> {
    const manager = readerOf(sharedContext)
    const [hold] = await runSql(manager, `SELECT ${HOLD_COLUMNS} FROM resource_hold h WHERE h.id = ?`, [holdId])
    if (!hold) throw notFound(`Resource hold with id: ${holdId} was not found`)
    return hold
  }

  @InjectManager()
  async listHolds(
    filters: { resource_id?: string; status?: string; customer_email?: string; ids?: string[] } = {},
    paging?: Paging,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<[ResourceHoldDTO[], number]> {
    const manager = readerOf(sharedContext)
    const where: string[] = []
    const params: unknown[] = []
    if (filters.resource_id) {
      where.push("h.resource_id = ?")
      params.push(filters.resource_id)
    }
    if (filters.ids) {
      where.push("h.id = ANY(?::text[])")
      params.push(toPgArray(filters.ids))
    }
    if (filters.customer_email) {
      where.push("lower(h.customer_email) = lower(?)")
      params.push(filters.customer_email)
    }
    if (filters.status === "ACTIVE") {
      where.push("h.status = 'ACTIVE' AND h.expires_at > now()")
    } else if (filters.status === "EXPIRED") {
      where.push("(h.status = 'EXPIRED' OR (h.status = 'ACTIVE' AND h.expires_at <= now()))")
    } else if (filters.status) {
      where.push("h.status = ?")
      params.push(filters.status)
    }
    return await this.listPage_<ResourceHoldDTO>(manager, {
      select: HOLD_COLUMNS,
      from: "resource_hold h",
      where,
      params,
      orderBy: "h.created_at DESC, h.id",
      paging,
    })
  }

  /** One page of `select` rows and the total count, for the list methods. */
  protected async listPage_<T>(
    manager: SqlEntityManager,
    page: { select: string; from: string; where: string[]; params: unknown[]; orderBy: string; paging?: Paging }
  ): Promise<[T[], number]> {
    const { limit, offset } = pageOf(page.paging)
    const where = page.where.length ? `WHERE ${page.where.join(" AND ")}` : ""
    const rows = await runSql(
      manager,
      `SELECT ${page.select}, count(*) OVER () AS total_count FROM ${page.from} ${where}
       ORDER BY ${page.orderBy} LIMIT ? OFFSET ?`,
      [...page.params, limit, offset]
    )
    // A page past the end has no row to carry the total: count separately.
    const count = rows.length
      ? Number(rows[0].total_count)
      : (await runSql(manager, `SELECT count(*)::int AS count FROM ${page.from} ${where}`, page.params))[0].count
    return [rows.map(({ total_count, ...row }: any) => row as T), count]
  }

  @InjectManager()
  async retrieveAllocation(allocationId: string, @MedusaContext() sharedContext: Context = {}): Promise<ResourceAllocationDTO> {
    const manager = readerOf(sharedContext)
    const [allocation] = await runSql(manager, 
      `SELECT ${ALLOCATION_COLUMNS} FROM resource_allocation a WHERE a.id = ? AND a.deleted_at IS NULL`,
      [allocationId]
    )
    if (!allocation) throw notFound(`Resource allocation with id: ${allocationId} was not found`)
    return allocation
  }

  @InjectManager()
  async listAllocations(
    filters: {
      resource_id?: string
      order_id?: string
      needs_review?: boolean
      status?: string
      from?: string
      to?: string
      hold_ids?: string[]
    } = {},
    paging?: Paging,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<[ResourceAllocationDTO[], number]> {
    const manager = readerOf(sharedContext)
    if (filters.from && filters.to) this.assertRange(filters.from, filters.to)
    const where: string[] = ["a.deleted_at IS NULL"]
    const params: unknown[] = []
    if (filters.resource_id) {
      where.push("a.resource_id = ?")
      params.push(filters.resource_id)
    }
    if (filters.order_id) {
      where.push("a.order_id = ?")
      params.push(filters.order_id)
    }
    if (filters.hold_ids) {
      where.push("a.hold_id = ANY(?::text[])")
      params.push(toPgArray(filters.hold_ids))
    }
    if (typeof filters.needs_review === "boolean") {
      where.push("a.needs_review = ?")
      params.push(filters.needs_review)
    }
    if (filters.status) {
      where.push("a.status = ?")
      params.push(filters.status)
    }
    if (filters.from || filters.to) {
      // Allocations with at least one date in the range (GIN index on dates).
      where.push(
        `a.dates && ARRAY(SELECT generate_series(?::date, ?::date, interval '1 day')::date)`
      )
      params.push(filters.from ?? filters.to, filters.to ?? filters.from)
    }
    return await this.listPage_<ResourceAllocationDTO>(manager, {
      select: ALLOCATION_COLUMNS,
      from: "resource_allocation a",
      where,
      params,
      orderBy: "a.created_at DESC, a.id",
      paging,
    })
  }

  @InjectManager()
  async retrieveBlackout(blackoutId: string, @MedusaContext() sharedContext: Context = {}): Promise<ResourceBlackoutDTO> {
    const manager = readerOf(sharedContext)
    const [blackout] = await runSql(manager, 
      `SELECT ${BLACKOUT_COLUMNS} FROM resource_blackout b WHERE b.id = ? AND b.deleted_at IS NULL`,
      [blackoutId]
    )
    if (!blackout) throw notFound(`Resource blackout with id: ${blackoutId} was not found`)
    return blackout
  }

  @InjectManager()
  async listBlackouts(
    filters: { resource_id: string; from?: string; to?: string },
    paging?: Paging,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<[ResourceBlackoutDTO[], number]> {
    const manager = readerOf(sharedContext)
    await this.getLiveResource_(manager, filters.resource_id, { requireActive: false })
    const where = ["b.resource_id = ?", "b.deleted_at IS NULL"]
    const params: unknown[] = [filters.resource_id]
    if (filters.from) {
      where.push("b.end_date >= ?::date")
      params.push(filters.from)
    }
    if (filters.to) {
      where.push("b.start_date <= ?::date")
      params.push(filters.to)
    }
    return await this.listPage_<ResourceBlackoutDTO>(manager, {
      select: BLACKOUT_COLUMNS,
      from: "resource_blackout b",
      where,
      params,
      orderBy: "b.start_date, b.id",
      paging,
    })
  }

  @InjectManager()
  async listCapacityAudit(
    filters: { resource_id: string; from?: string; to?: string },
    paging?: Paging,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<[CapacityAuditDTO[], number]> {
    const manager = readerOf(sharedContext)
    if (filters.from && filters.to) this.assertRange(filters.from, filters.to)
    const where = ["x.resource_id = ?"]
    const params: unknown[] = [filters.resource_id]
    if (filters.from) {
      where.push("x.date >= ?::date")
      params.push(filters.from)
    }
    if (filters.to) {
      where.push("x.date <= ?::date")
      params.push(filters.to)
    }
    return await this.listPage_<CapacityAuditDTO>(manager, {
      select: `x.id, x.capacity_id, x.resource_id, x.date::text AS date, x.old_available, x.new_available,
               x.old_max, x.new_max, x.change_reason, x.hold_id, x.allocation_id, x.actor_id, x.changed_at`,
      from: "resource_capacity_audit x",
      where,
      params,
      orderBy: "x.changed_at DESC, x.id",
      paging,
    })
  }

  /** Unit-days per resource over a range (contract "Utilization"). */
  @InjectManager()
  async getUtilization(
    input: { from: string; to: string; type?: ResourceType },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<UtilizationRowDTO[]> {
    const manager = readerOf(sharedContext)
    this.assertRange(input.from, input.to)
    const rows = await runSql(manager, 
      `WITH cap AS (
         SELECT c.resource_id, count(*)::int AS total_days, sum(c.max_capacity)::int AS total_capacity
         FROM resource_capacity c WHERE c.date BETWEEN ?::date AND ?::date GROUP BY c.resource_id
       ),
       held AS (
         SELECT h.resource_id, sum(h.quantity)::int AS held
         FROM resource_hold h, unnest(h.dates) AS d
         WHERE h.status = 'ACTIVE' AND h.expires_at > now() AND d BETWEEN ?::date AND ?::date
         GROUP BY h.resource_id
       ),
       allocated AS (
         SELECT a.resource_id, sum(a.quantity)::int AS allocated
         FROM resource_allocation a, unnest(a.dates) AS d
         WHERE a.status = 'ACTIVE' AND a.deleted_at IS NULL AND d BETWEEN ?::date AND ?::date
         GROUP BY a.resource_id
       )
       SELECT r.id AS resource_id, r.name, coalesce(cap.total_days, 0) AS total_days,
              coalesce(cap.total_capacity, 0) AS total_capacity, coalesce(held.held, 0) AS held,
              coalesce(allocated.allocated, 0) AS allocated
       FROM resource r
       LEFT JOIN cap ON cap.resource_id = r.id
       LEFT JOIN held ON held.resource_id = r.id
       LEFT JOIN allocated ON allocated.resource_id = r.id
       WHERE r.deleted_at IS NULL ${input.type ? "AND r.type = ?" : ""}
       ORDER BY r.name`,
      [input.from, input.to, input.from, input.to, input.from, input.to, ...(input.type ? [input.type] : [])]
    )
    return rows.map((row: any) => ({
      ...row,
      utilization_percent:
        row.total_capacity > 0
          ? Math.round((10000 * (row.held + row.allocated)) / row.total_capacity) / 100
          : 0,
    }))
  }

  /** A day's allocations and unexpired active holds on one resource. */
  @InjectManager()
  async getManifest(
    input: { resource_id: string; date: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ date: string; capacity: CapacityDayDTO | null; allocations: ResourceAllocationDTO[]; holds: ResourceHoldDTO[] }> {
    const manager = readerOf(sharedContext)
    if (!isCalendarDate(input.date)) throw invalid("date must be a valid date (YYYY-MM-DD)")
    await this.getLiveResource_(manager, input.resource_id, { requireActive: false })
    const [capacity] = await runSql(manager, 
      `SELECT date::text AS date, max_capacity, available_capacity FROM resource_capacity WHERE resource_id = ? AND date = ?::date`,
      [input.resource_id, input.date]
    )
    const allocations = await runSql(manager, 
      `SELECT ${ALLOCATION_COLUMNS} FROM resource_allocation a
       WHERE a.resource_id = ? AND a.status = 'ACTIVE' AND a.deleted_at IS NULL AND a.dates @> ARRAY[?::date]
       ORDER BY a.created_at`,
      [input.resource_id, input.date]
    )
    const holds = await runSql(manager, 
      `SELECT ${HOLD_COLUMNS} FROM resource_hold h
       WHERE h.resource_id = ? AND h.status = 'ACTIVE' AND h.expires_at > now() AND h.dates @> ARRAY[?::date]
       ORDER BY h.created_at`,
      [input.resource_id, input.date]
    )
    return { date: input.date, capacity: capacity ?? null, allocations, holds }
  }

  // ---------------------------------------------------------------- holds

  /**
   * Creates a hold on all of its dates or none (contract invariants 2–4).
   * Idempotent: the same token with the same request returns the hold as it
   * is now (`created: false`); with another request it is a conflict.
   */
  async createHold(input: CreateHoldInput, @MedusaContext() sharedContext: Context = {}): Promise<CreateHoldResult> {
    const { dates, email } = this.validateHoldInput(input)
    const request = {
      ...input,
      dates,
      customer_email: email,
      idempotency_token: input.idempotency_token ?? generateHoldId().replace("rhold_", "auto_"),
    }
    try {
      let attempt = await this.tryCreateHold_(request, sharedContext)
      if (attempt.verdict === "short") {
        attempt = await this.reclaimAndTryCreateHold_(request, attempt.shortDates, sharedContext)
      }
      switch (attempt.verdict) {
        case "ok":
          return { hold: attempt.hold, created: true }
        case "replay":
          return this.replayHold_(await this.retrieveHold(attempt.existingHoldId, sharedContext), request)
        case "not_found":
          throw notFound(`Resource with id: ${request.resource_id} was not found`)
        case "blackout":
          throw conflict(`Resource ${request.resource_id} is blacked out on: ${attempt.blackedOutDates.join(", ")}`)
        case "no_capacity":
          throw conflict(`Resource ${request.resource_id} has no capacity on: ${attempt.noCapacityDates.join(", ")}`)
        default:
          throw conflict(`Not enough capacity for quantity ${request.quantity} on: ${attempt.shortDates.join(", ")}`)
      }
    } catch (error: any) {
      // The same token raced in on another resource's lock: the other
      // transaction won the unique index; answer as a replay or a conflict.
      // (Medusa maps the unique violation to "… idempotency_token: …, already exists.")
      const tokenTaken =
        (error?.code === "23505" && String(error?.constraint).includes("idx_hold_idempotency")) ||
        /idempotency_token.*already exists/.test(String(error?.message))
      if (tokenTaken) {
        const [existing] = await this.listHoldsByToken_(request.idempotency_token)
        if (existing) return this.replayHold_(existing, request)
      }
      throw error
    }
  }

  protected replayHold_(existing: ResourceHoldDTO, request: CreateHoldInput): CreateHoldResult {
    const sameRequest =
      existing.resource_id === request.resource_id &&
      existing.quantity === request.quantity &&
      existing.customer_email.toLowerCase() === request.customer_email.toLowerCase() &&
      sortUniqueDates(existing.dates).join(",") === sortUniqueDates(request.dates).join(",")
    if (!sameRequest) {
      throw conflict("idempotency_token was already used with a different request")
    }
    return { hold: existing, created: false }
  }

  @InjectManager()
  protected async listHoldsByToken_(token: string, @MedusaContext() sharedContext: Context = {}): Promise<ResourceHoldDTO[]> {
    const manager = readerOf(sharedContext)
    return await runSql(manager, `SELECT ${HOLD_COLUMNS} FROM resource_hold h WHERE h.idempotency_token = ?`, [token])
  }

  /**
   * The hot path: one call of resource_booking_try_create_hold, which takes
   * the resource's lock, checks resource, token, blackouts and capacity, and
   * when all pass inserts the hold and takes its capacity with the audit rows.
   * Outside a caller's transaction it autocommits: one round trip, and the
   * lock is held only while PostgreSQL runs the function.
   */
  @InjectManager()
  protected async tryCreateHold_(
    input: CreateHoldInput & { idempotency_token: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<HoldAttempt> {
    const manager = readerOf(sharedContext)
    const [row] = await runSql(
      manager,
      `SELECT * FROM resource_booking_try_create_hold(?::bigint, ?, ?::date[], ?::int, ?, ?, ?, ?::numeric, ?::jsonb)`,
      [
        resourceLockKey(input.resource_id),
        input.resource_id,
        toPgArray(input.dates),
        input.quantity,
        input.idempotency_token,
        generateHoldId(),
        input.customer_email,
        Math.round(this.options_.holdTtlMinutes * 60 * 1000) / 1000,
        input.metadata == null ? null : JSON.stringify(input.metadata),
      ]
    )
    const { verdict, existing_hold_id, days, ...hold } = row
    const dayList: { date: string; available: number | null; blacked_out: boolean }[] = days ?? []
    return {
      verdict,
      hold: hold as ResourceHoldDTO,
      existingHoldId: existing_hold_id,
      blackedOutDates: dayList.filter((day) => day.blacked_out).map((day) => day.date),
      noCapacityDates: dayList.filter((day) => day.available === null).map((day) => day.date),
      shortDates: dayList
        .filter((day) => day.available !== null && day.available < input.quantity)
        .map((day) => day.date),
    }
  }

  /**
   * The slow path, when capacity is short: capacity still held by lapsed
   * holds is free (invariant 3), so expire those holds on the short dates now,
   * instead of waiting for the sweep, and try again, all under the lock.
   */
  @InjectTransactionManager()
  protected async reclaimAndTryCreateHold_(
    input: CreateHoldInput & { idempotency_token: string },
    shortDates: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<HoldAttempt> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    await this.lockResources_(manager, [input.resource_id])
    const reclaimed = await this.expireHoldsOfResource_(manager, input.resource_id, 10_000, shortDates)
    if (!reclaimed.length) {
      return { verdict: "short", shortDates } as HoldAttempt
    }
    return await this.tryCreateHold_(input, sharedContext)
  }

  /**
   * Releases an ACTIVE hold and gives its capacity back. A RELEASED or
   * EXPIRED hold is returned unchanged; an ACTIVE one past `expires_at` is
   * expired (that is what it already is); a CONFIRMED one is a conflict.
   */
  @InjectTransactionManager()
  async releaseHold(holdId: string, @MedusaContext() sharedContext: Context = {}): Promise<ReleaseHoldResult> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const hold = await this.retrieveHold(holdId, sharedContext)
    await this.lockResources_(manager, [hold.resource_id])
    const { released, expired } = await this.finishActiveHolds_(manager, hold.resource_id, [holdId])
    const current = await this.retrieveHold(holdId, sharedContext)
    if (current.status === "CONFIRMED") {
      throw conflict(`Resource hold ${holdId} is CONFIRMED and cannot be released`)
    }
    return { hold: current, changed: released.length + expired.length > 0 }
  }

  /**
   * Ends the given holds that are still ACTIVE (caller holds the lock): those
   * past `expires_at` become EXPIRED, the others RELEASED; capacity goes back.
   */
  protected async finishActiveHolds_(
    manager: SqlEntityManager,
    resourceId: string,
    holdIds: string[]
  ): Promise<{ released: string[]; expired: string[] }> {
    if (!holdIds.length) return { released: [], expired: [] }
    const rows: { id: string; dates: string[]; quantity: number; status: "RELEASED" | "EXPIRED" }[] =
      await runSql(manager, 
        `UPDATE resource_hold h
         SET status = CASE WHEN h.expires_at <= now() THEN 'EXPIRED' ELSE 'RELEASED' END
         WHERE h.resource_id = ? AND h.id = ANY(?::text[]) AND h.status = 'ACTIVE'
         RETURNING h.id, h.dates::text[] AS dates, h.quantity, h.status`,
        [resourceId, toPgArray(holdIds)]
      )
    const byStatus = (status: string) => rows.filter((row) => row.status === status)
    await this.applyCapacityMovements_(
      manager,
      resourceId,
      "RELEASE",
      byStatus("RELEASED").map((row) => ({ hold_id: row.id, dates: row.dates, delta: row.quantity }))
    )
    await this.applyCapacityMovements_(
      manager,
      resourceId,
      "EXPIRE",
      byStatus("EXPIRED").map((row) => ({ hold_id: row.id, dates: row.dates, delta: row.quantity }))
    )
    return { released: byStatus("RELEASED").map((row) => row.id), expired: byStatus("EXPIRED").map((row) => row.id) }
  }

  /**
   * One sweep batch: expires up to `batchSize` lapsed ACTIVE holds, one
   * resource at a time. A resource another process is sweeping (or booking)
   * right now is skipped (`pg_try_advisory_xact_lock`), and hold rows are
   * taken `FOR UPDATE SKIP LOCKED`, so parallel sweeps never expire a hold
   * twice and never wait on each other.
   */
  async expireHolds(
    input: { batchSize?: number } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ExpireHoldsResult> {
    const batchSize = Math.max(1, Math.min(input.batchSize ?? 1000, 10_000))
    const candidates = await this.listLapsedHoldResources_(batchSize, sharedContext)
    const expired: { id: string; resource_id: string }[] = []
    for (const { resource_id, count } of candidates) {
      const ids = await this.expireHoldsOfResourceIfFree_(resource_id, count, sharedContext)
      expired.push(...ids.map((id) => ({ id, resource_id })))
    }
    return { expired }
  }

  @InjectManager()
  protected async listLapsedHoldResources_(
    batchSize: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ resource_id: string; count: number }[]> {
    const manager = readerOf(sharedContext)
    return await runSql(manager, 
      `SELECT resource_id, count(*)::int AS count FROM (
         SELECT resource_id FROM resource_hold
         WHERE status = 'ACTIVE' AND expires_at <= now()
         ORDER BY expires_at LIMIT ?
       ) lapsed GROUP BY resource_id ORDER BY resource_id`,
      [batchSize]
    )
  }

  @InjectTransactionManager()
  protected async expireHoldsOfResourceIfFree_(
    resourceId: string,
    limit: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const [{ locked }] = await runSql(manager, 
      `SELECT set_config('resource_booking.audited', 'on', true), pg_try_advisory_xact_lock(?::bigint) AS locked`,
      [resourceLockKey(resourceId)]
    )
    if (!locked) return []
    return await this.expireHoldsOfResource_(manager, resourceId, limit)
  }

  /** Pushes `expires_at` of ACTIVE, unexpired holds to at least now + minutes. */
  @InjectTransactionManager()
  async extendHolds(
    input: { hold_ids: string[]; minutes: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; previous_expires_at: Date }[]> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    if (!input.hold_ids.length) return []
    const holds = await this.listHolds({ ids: input.hold_ids }, { limit: 1000 }, sharedContext)
    await this.lockResources_(manager, holds[0].map((hold) => hold.resource_id))
    return await runSql(manager, 
      `UPDATE resource_hold h SET expires_at = greatest(h.expires_at, now() + (? * interval '1 second'))
       FROM resource_hold old
       WHERE old.id = h.id AND h.id = ANY(?::text[]) AND h.status = 'ACTIVE' AND h.expires_at > now()
       RETURNING h.id, old.expires_at AS previous_expires_at`,
      [Math.round(input.minutes * 60), toPgArray(input.hold_ids)]
    )
  }

  /** Compensation of extendHolds: puts back the expiry times it replaced. */
  @InjectTransactionManager()
  async restoreHoldExpiry(
    input: { id: string; previous_expires_at: Date | string }[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    if (!input.length) return
    await runSql(manager, 
      `UPDATE resource_hold h SET expires_at = r.previous_expires_at
       FROM json_to_recordset(?::json) AS r(id text, previous_expires_at timestamptz)
       WHERE h.id = r.id AND h.status = 'ACTIVE'`,
      [JSON.stringify(input)]
    )
  }

  // ---------------------------------------------------------------- allocations

  /**
   * Turns a hold into the allocation of an order line item. Idempotent per
   * (order_id, line_item_id). A paid order is never lost (invariant 5): if
   * the hold is no longer ACTIVE, the allocation re-takes the capacity when
   * every date still has it, and otherwise is recorded without it, flagged
   * `needs_review` with the reason; capacity never goes below 0.
   */
  @InjectTransactionManager()
  async confirmHold(input: ConfirmHoldInput, @MedusaContext() sharedContext: Context = {}): Promise<ConfirmHoldResult> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    if (!input.order_id || !input.line_item_id) throw invalid("order_id and line_item_id are required")
    const [raw] = await runSql(manager, 
      `SELECT h.id, h.resource_id, h.dates::text[] AS dates, h.quantity, h.status, h.metadata FROM resource_hold h WHERE h.id = ?`,
      [input.hold_id]
    )
    if (!raw) throw notFound(`Resource hold with id: ${input.hold_id} was not found`)
    await this.lockResources_(manager, [raw.resource_id])

    const [existing] = await runSql(manager, 
      `SELECT ${ALLOCATION_COLUMNS} FROM resource_allocation a WHERE a.order_id = ? AND a.line_item_id = ?`,
      [input.order_id, input.line_item_id]
    )
    if (existing) return { allocation: existing, created: false, hold_confirmed: false }

    // Re-read under the lock: a release, sweep or confirmation may just have won.
    const [hold] = await runSql(manager, 
      `SELECT h.id, h.resource_id, h.dates::text[] AS dates, h.quantity, h.status, h.metadata,
              EXISTS (SELECT 1 FROM resource_allocation a WHERE a.hold_id = h.id AND a.status = 'ACTIVE') AS allocated
       FROM resource_hold h WHERE h.id = ?`,
      [input.hold_id]
    )
    const allocationId = generateEntityId(undefined, "ralloc")
    let capacityDeducted = true
    let reviewReason: string | null = null
    let holdConfirmed = false

    if (hold.status === "ACTIVE") {
      // Its capacity is still taken, even if expires_at has passed.
      await runSql(manager, 
        `UPDATE resource_hold SET status = 'CONFIRMED', confirmed_at = now() WHERE id = ?`,
        [hold.id]
      )
      holdConfirmed = true
    } else {
      const why = hold.status === "CONFIRMED" && hold.allocated ? "already confirmed for another order line" : hold.status
      const days: { date: string; available: number | null }[] = await runSql(manager, 
        `SELECT d::text AS date, c.available_capacity AS available
         FROM unnest(?::date[]) AS d LEFT JOIN resource_capacity c ON c.resource_id = ? AND c.date = d ORDER BY d`,
        [toPgArray(hold.dates), hold.resource_id]
      )
      const short = days.filter((day) => day.available === null || day.available < hold.quantity).map((day) => day.date)
      if (short.length) {
        capacityDeducted = false
        reviewReason = `Hold ${hold.id} was ${why} when order ${input.order_id} was placed, and capacity for quantity ${hold.quantity} was no longer available on: ${short.join(", ")}`
      } else {
        await this.applyCapacityMovements_(manager, hold.resource_id, "CONFIRM", [
          { allocation_id: allocationId, hold_id: hold.id, dates: hold.dates, delta: -hold.quantity },
        ])
      }
    }

    const [allocation] = await runSql(manager, 
      `INSERT INTO resource_allocation AS a
         (id, resource_id, hold_id, order_id, line_item_id, dates, quantity, status, capacity_deducted,
          needs_review, review_reason, metadata, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?::date[], ?, 'ACTIVE', ?, ?, ?, ?::jsonb, now(), now())
       RETURNING ${ALLOCATION_COLUMNS}`,
      [
        allocationId,
        hold.resource_id,
        hold.id,
        input.order_id,
        input.line_item_id,
        toPgArray(hold.dates),
        hold.quantity,
        capacityDeducted,
        reviewReason !== null,
        reviewReason,
        JSON.stringify({ ...(hold.metadata ?? {}), ...(input.metadata ?? {}) }),
      ]
    )
    return { allocation, created: true, hold_confirmed: holdConfirmed }
  }

  /**
   * Compensation of confirmHold: removes the allocation it made and, when the
   * hold was moved to CONFIRMED by it, puts the hold back to ACTIVE with its
   * capacity as it was (a re-taken capacity is given back).
   */
  @InjectTransactionManager()
  async revertConfirmation(
    input: { allocation_id: string; hold_confirmed: boolean },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const [allocation] = await runSql(manager, 
      `SELECT ${ALLOCATION_COLUMNS} FROM resource_allocation a WHERE a.id = ?`,
      [input.allocation_id]
    )
    if (!allocation) return
    await this.lockResources_(manager, [allocation.resource_id])
    if (input.hold_confirmed && allocation.hold_id) {
      await runSql(manager, 
        `UPDATE resource_hold SET status = 'ACTIVE', confirmed_at = NULL WHERE id = ? AND status = 'CONFIRMED'`,
        [allocation.hold_id]
      )
    } else if (allocation.capacity_deducted && allocation.status === "ACTIVE") {
      await this.applyCapacityMovements_(manager, allocation.resource_id, "CANCEL", [
        { allocation_id: allocation.id, dates: allocation.dates, delta: allocation.quantity },
      ])
    }
    await runSql(manager, `DELETE FROM resource_allocation WHERE id = ?`, [allocation.id])
  }

  /** Cancels an allocation; with `restore_capacity`, gives its capacity back. Idempotent. */
  @InjectTransactionManager()
  async cancelAllocation(
    input: { allocation_id: string; restore_capacity: boolean; actor_id?: string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CancelAllocationResult> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const found = await this.retrieveAllocation(input.allocation_id, sharedContext)
    await this.lockResources_(manager, [found.resource_id])
    const [updated] = await runSql(manager, 
      `UPDATE resource_allocation a SET status = 'CANCELED', canceled_at = now()
       WHERE a.id = ? AND a.status = 'ACTIVE'
       RETURNING ${ALLOCATION_COLUMNS}`,
      [input.allocation_id]
    )
    if (!updated) {
      return { allocation: await this.retrieveAllocation(input.allocation_id, sharedContext), changed: false, capacity_restored: false }
    }
    const restore = input.restore_capacity && updated.capacity_deducted
    if (restore) {
      await this.applyCapacityMovements_(
        manager,
        updated.resource_id,
        "CANCEL",
        [{ allocation_id: updated.id, dates: updated.dates, delta: updated.quantity }],
        input.actor_id ?? null
      )
    }
    return { allocation: updated, changed: true, capacity_restored: restore }
  }

  /** Compensation of cancelAllocation. */
  @InjectTransactionManager()
  async revertAllocationCancel(
    input: { allocation_id: string; capacity_restored: boolean },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const allocation = await this.retrieveAllocation(input.allocation_id, sharedContext)
    await this.lockResources_(manager, [allocation.resource_id])
    if (input.capacity_restored) {
      await this.applyCapacityMovements_(manager, allocation.resource_id, "ADJUST", [
        { allocation_id: allocation.id, dates: allocation.dates, delta: -allocation.quantity },
      ])
    }
    await runSql(manager, 
      `UPDATE resource_allocation SET status = 'ACTIVE', canceled_at = NULL WHERE id = ?`,
      [allocation.id]
    )
  }

  // ---------------------------------------------------------------- capacity

  /** The dates a capacity change names: from..to, filtered by weekdays. */
  capacityDates(input: { from: string; to: string; weekdays?: number[] }): string[] {
    this.assertRange(input.from, input.to)
    const weekdays = input.weekdays?.length ? new Set(input.weekdays) : null
    return datesInRange(input.from, input.to).filter((date) => !weekdays || weekdays.has(weekdayOf(date)))
  }

  /**
   * Sets `max_capacity` on every named date. A new date starts fully
   * available; an existing one keeps what is taken (available += new − old).
   * If any date would go below 0, nothing changes and the conflict names them.
   */
  @InjectTransactionManager()
  async setCapacity(input: SetCapacityInput, @MedusaContext() sharedContext: Context = {}): Promise<SetCapacityResult> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    if (!Number.isInteger(input.max_capacity) || input.max_capacity < 0 || input.max_capacity > 1_000_000) {
      throw invalid("max_capacity must be an integer of at least 0")
    }
    if (input.weekdays?.some((day) => !Number.isInteger(day) || day < 0 || day > 6)) {
      throw invalid("weekdays must be integers from 0 (Sunday) to 6 (Saturday)")
    }
    const dates = this.capacityDates(input)
    this.assertNotPast([input.from], "from")
    await this.getLiveResource_(manager, input.resource_id, { requireActive: false })
    await this.lockResources_(manager, [input.resource_id])
    return await this.writeCapacity_(
      manager,
      input.resource_id,
      dates.map((date) => ({ date, max_capacity: input.max_capacity })),
      input.actor_id ?? null
    )
  }

  /** Compensation of setCapacity: puts back each date's previous maximum (a new date is set to 0). */
  @InjectTransactionManager()
  async restoreCapacity(
    input: { resource_id: string; previous: { date: string; max_capacity: number | null }[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    await this.lockResources_(manager, [input.resource_id])
    await this.writeCapacity_(
      manager,
      input.resource_id,
      input.previous.map((day) => ({ date: day.date, max_capacity: day.max_capacity ?? 0 })),
      null
    )
  }

  protected async writeCapacity_(
    manager: SqlEntityManager,
    resourceId: string,
    targets: { date: string; max_capacity: number }[],
    actorId: string | null
  ): Promise<SetCapacityResult> {
    if (!targets.length) return { capacity: [], previous: [] }
    const current: { date: string; max_capacity: number; available_capacity: number }[] = await runSql(manager, 
      `SELECT date::text AS date, max_capacity, available_capacity FROM resource_capacity
       WHERE resource_id = ? AND date = ANY(?::date[])`,
      [resourceId, toPgArray(targets.map((target) => target.date))]
    )
    const currentByDate = new Map(current.map((row) => [row.date, row]))
    const tooLow = targets
      .filter((target) => {
        const row = currentByDate.get(target.date)
        return row && row.available_capacity + target.max_capacity - row.max_capacity < 0
      })
      .map((target) => target.date)
    if (tooLow.length) {
      throw conflict(
        `max_capacity would fall below what is already taken on: ${tooLow.join(", ")}`
      )
    }
    const rows = targets.map((target) => {
      const row = currentByDate.get(target.date)
      return {
        date: target.date,
        old_max: row ? row.max_capacity : null,
        old_available: row ? row.available_capacity : null,
        new_max: target.max_capacity,
        new_available: row ? row.available_capacity + target.max_capacity - row.max_capacity : target.max_capacity,
      }
    })
    const changed = rows.filter((row) => row.old_max !== row.new_max || row.old_available !== row.new_available)
    if (changed.length) {
      await runSql(manager, 
        `WITH t AS (
           SELECT * FROM json_to_recordset(?::json)
             AS t(date date, old_max int, old_available int, new_max int, new_available int)
         ),
         written AS (
           INSERT INTO resource_capacity AS c (id, resource_id, date, max_capacity, available_capacity, created_at, updated_at)
           SELECT 'rcap_' || replace(gen_random_uuid()::text, '-', ''), ?, t.date, t.new_max, t.new_available, now(), now()
           FROM t ORDER BY t.date
           ON CONFLICT (resource_id, date) DO UPDATE
             SET max_capacity = excluded.max_capacity, available_capacity = excluded.available_capacity
           RETURNING c.id, c.date
         )
         INSERT INTO resource_capacity_audit
           (id, capacity_id, resource_id, date, old_available, new_available, old_max, new_max,
            change_reason, actor_id, changed_at, created_at, updated_at)
         SELECT 'raud_' || replace(gen_random_uuid()::text, '-', ''), w.id, ?, t.date, t.old_available, t.new_available,
                t.old_max, t.new_max, 'ADJUST', ?, clock_timestamp(), now(), now()
         FROM t JOIN written w ON w.date = t.date`,
        [JSON.stringify(changed), resourceId, resourceId, actorId]
      )
    }
    return {
      capacity: rows.map((row) => ({ date: row.date, max_capacity: row.new_max, available_capacity: row.new_available })),
      previous: rows.map((row) => ({ date: row.date, max_capacity: row.old_max })),
    }
  }

  // ---------------------------------------------------------------- blackouts

  /**
   * Closes a date range: no new holds there. Active holds in it are released
   * (unless `release_active_holds` is false) and allocations in it are
   * flagged `needs_review`.
   */
  @InjectTransactionManager()
  async createBlackout(input: CreateBlackoutInput, @MedusaContext() sharedContext: Context = {}): Promise<CreateBlackoutResult> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    this.assertRange(input.start_date, input.end_date, ["start_date", "end_date"])
    this.assertNotPast([input.start_date], "start_date")
    if (input.reason != null && (typeof input.reason !== "string" || input.reason.length > 2000)) {
      throw invalid("reason must be a string of at most 2000 characters")
    }
    await this.getLiveResource_(manager, input.resource_id, { requireActive: false })
    await this.lockResources_(manager, [input.resource_id])

    const blackoutId = generateEntityId(undefined, "rblk")
    const [blackout] = await runSql(manager, 
      `INSERT INTO resource_blackout AS b (id, resource_id, start_date, end_date, reason, created_at, updated_at)
       VALUES (?, ?, ?::date, ?::date, ?, now(), now())
       RETURNING ${BLACKOUT_COLUMNS}`,
      [blackoutId, input.resource_id, input.start_date, input.end_date, input.reason ?? null]
    )
    const range = `ARRAY(SELECT generate_series(?::date, ?::date, interval '1 day')::date)`

    let released: string[] = []
    let expired: string[] = []
    if (input.release_active_holds !== false) {
      const holds: { id: string }[] = await runSql(manager, 
        `SELECT id FROM resource_hold WHERE resource_id = ? AND status = 'ACTIVE' AND dates && ${range}`,
        [input.resource_id, input.start_date, input.end_date]
      )
      ;({ released, expired } = await this.finishActiveHolds_(
        manager,
        input.resource_id,
        holds.map((hold) => hold.id)
      ))
    }
    const flagged: { id: string }[] = await runSql(manager, 
      `UPDATE resource_allocation SET needs_review = true,
         review_reason = ?
       WHERE resource_id = ? AND status = 'ACTIVE' AND deleted_at IS NULL AND dates && ${range}
       RETURNING id`,
      [
        `Blackout ${blackoutId} (${input.start_date}..${input.end_date})${input.reason ? `: ${input.reason}` : ""}`,
        input.resource_id,
        input.start_date,
        input.end_date,
      ]
    )
    return {
      blackout,
      released_hold_ids: released,
      expired_hold_ids: expired,
      flagged_allocation_ids: flagged.map((row) => row.id),
    }
  }

  @InjectTransactionManager()
  async deleteBlackout(blackoutId: string, @MedusaContext() sharedContext: Context = {}): Promise<ResourceBlackoutDTO> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const blackout = await this.retrieveBlackout(blackoutId, sharedContext)
    await this.lockResources_(manager, [blackout.resource_id])
    await runSql(manager, `UPDATE resource_blackout SET deleted_at = now() WHERE id = ?`, [blackoutId])
    return blackout
  }

  /** Compensation of deleteBlackout. */
  @InjectTransactionManager()
  async restoreBlackout(blackoutId: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    await runSql(manager, `UPDATE resource_blackout SET deleted_at = NULL WHERE id = ?`, [blackoutId])
  }

  // ---------------------------------------------------------------- resources

  /**
   * Soft-deletes a resource unless it still has active holds or allocations
   * from today on: the check and the delete share one transaction and the
   * resource's lock, so no hold can slip in between.
   */
  @InjectTransactionManager()
  async softDeleteResourceIfDeletable(resourceId: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await this.assertResourceDeletable(resourceId, sharedContext)
    await this.softDeleteResources([resourceId], {}, sharedContext)
  }

  /**
   * Refuses to delete a resource that still has unexpired ACTIVE holds or
   * active allocations on today or later. Takes the resource's lock, so run
   * it in the transaction that deletes.
   */
  @InjectTransactionManager()
  async assertResourceDeletable(resourceId: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    await this.getLiveResource_(manager, resourceId, { requireActive: false })
    await this.lockResources_(manager, [resourceId])
    const today = this.today()
    const [row] = await runSql(manager, 
      `SELECT
         (SELECT count(*)::int FROM resource_hold h, unnest(h.dates) d
           WHERE h.resource_id = ? AND h.status = 'ACTIVE' AND h.expires_at > now() AND d >= ?::date) AS holds,
         (SELECT count(*)::int FROM resource_allocation a, unnest(a.dates) d
           WHERE a.resource_id = ? AND a.status = 'ACTIVE' AND a.deleted_at IS NULL AND d >= ?::date) AS allocations`,
      [resourceId, today, resourceId, today]
    )
    if (row.holds > 0 || row.allocations > 0) {
      throw conflict(
        `Resource ${resourceId} has active holds or allocations from ${today} on and cannot be deleted`
      )
    }
  }
}
