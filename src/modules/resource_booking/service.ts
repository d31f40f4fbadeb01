import { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext } from "@medusajs/framework/utils"
import { groupAvailability, resourceAvailability } from "./availability"
import { conflict, invalid, notFound } from "./errors"
import * as ledger from "./ledger"
import { ResourceCrud } from "./resource-crud"
import * as allocations from "./repositories/allocation-repository"
import * as blackouts from "./repositories/blackout-repository"
import * as capacity from "./repositories/capacity-repository"
import * as holds from "./repositories/hold-repository"
import { readConversion } from "./repositories/conversion-repository"
import { readPlanner } from "./repositories/planner-repository"
import * as waitlist from "./repositories/waitlist-repository"
import { createWaitlistEntry } from "./waitlist"
import { readerOf } from "./repositories/sql"
import {
  AvailabilityDTO,
  CancelAllocationResult,
  CapacityAuditDTO,
  CapacityDayDTO,
  ConfirmHoldInput,
  ConfirmHoldResult,
  ConversionReportDTO,
  HoldChannel,
  PlannerResourceDTO,
  DayHoursDTO,
  ManifestDTO,
  SlotsDTO,
  CreateBlackoutInput,
  CreateBlackoutResult,
  CreateHoldGroupInput,
  CreateHoldGroupResult,
  CreateHoldInput,
  CreateHoldResult,
  ExpireHoldsResult,
  GroupAvailabilityDTO,
  Paging,
  ReleaseHoldResult,
  ResourceAllocationDTO,
  ResourceBlackoutDTO,
  ResourceHoldDTO,
  ResourceType,
  SetCapacityInput,
  SetCapacityResult,
  UtilizationRowDTO,
  CreateWaitlistEntryInput,
  WaitlistEntryDTO,
  WaitlistOfferDTO,
} from "./types"
import { datesInRange, isCalendarDate, todayIn, weekdayOf } from "./utils/dates"
import { MAX_PLANNER_DAYS } from "./constants"
import { appointmentAvailability, appointmentDay, searchSlots } from "./appointments"
import { StampedReadCache, versionsOf } from "./read-cache"
import { bumpReadStamps, readStamp, ReadStamp } from "./repositories/stamp-repository"
import { listDayHours } from "./repositories/hours-repository"
import { zoneInstants } from "./utils/instants"
import { assertQuantity, validateBlackoutInput, validateCapacityInput, validateHoursRanges } from "./validation"

/**
 * The resource_booking module's service: a facade that shows the transaction
 * boundaries. Reads go to `repositories/` on a plain connection
 * (@InjectManager); every change of capacity, holds, allocations or blackouts
 * goes to `ledger/` inside one transaction (@InjectTransactionManager), except
 * the hold, which runs as one autocommit call (ledger/LOCKING.md).
 *
 * Generated CRUD serves resources only (resource-crud.ts): the module's public
 * interface offers no way to write capacity, holds, allocations, blackouts or
 * audit rows except through the ledger's methods below.
 */
export default class ResourceBookingModuleService extends ResourceCrud {
  /** Slot answers of this process, used again while their read stamp holds (read-cache.ts). */
  protected readonly slotAnswers = new StampedReadCache<Omit<SlotsDTO, "resource_id" | "variant_id">>()

  /** Every instant of an answer with the offset of the module's zone at that instant (utils/instants.ts). */
  protected zoned<T>(value: T): T {
    return zoneInstants(value, this.options_.timezone)
  }

  // ---------------------------------------------------------------- reads

  @InjectManager()
  async getAvailability(
    input: { resource_id: string; from: string; to: string; quantity?: number; require_active?: boolean },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<AvailabilityDTO> {
    const key = JSON.stringify(["resource", input.resource_id, input.from, input.to, input.quantity ?? 1, input.require_active ?? true])
    return await this.keptRead_(sharedContext, [input.resource_id], key, undefined, async () => {
      const quantity = input.quantity ?? 1
      const [rows] = await this.readAvailability_([{ resource_id: input.resource_id, units: 1 }], input, sharedContext)
      const active = rows[0]?.resource_active
      if (active == null || (!active && (input.require_active ?? true))) {
        throw notFound(`Resource with id: ${input.resource_id} was not found`)
      }
      if (rows[0]?.booking_mode === "APPOINTMENT") {
        const dates = await appointmentAvailability(readerOf(sharedContext), this.options_, {
          items: [{ resource_id: input.resource_id, units: 1 }],
          from: input.from,
          to: input.to,
          quantity,
        }, [rows])
        return { resource_id: input.resource_id, from: input.from, to: input.to, quantity, is_available: dates.every((d) => d.is_available), dates }
      }
      // Formatted in its zone as it is composed (resourceAvailability), not by zoned().
      return resourceAvailability(input.resource_id, rows, { ...input, quantity }, this.options_.timezone)
    })
  }

  /**
   * Availability of a booking that takes `units` of each resource per unit
   * booked (a variant linked to several resources), in one statement: per
   * date, the least over the resources of floor(available / units), and the
   * first reason that applies on any of them.
   */
  @InjectManager()
  async getGroupAvailability(
    input: { items: { resource_id: string; units: number }[]; from: string; to: string; quantity?: number; stamp?: ReadStamp },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<GroupAvailabilityDTO> {
    const key = JSON.stringify(["group", input.items, input.from, input.to, input.quantity ?? 1])
    return await this.keptRead_(sharedContext, input.items.map((item) => item.resource_id), key, input.stamp, async () => {
      const quantity = input.quantity ?? 1
      if (!input.items.length) throw invalid("the booking names no resource")
      const byResource = await this.readAvailability_(input.items, input, sharedContext)
      const missing = input.items.filter((_, index) => !byResource[index][0]?.resource_active)
      if (missing.length) throw notFound(`Resource with id: ${missing.map((item) => item.resource_id).join(", ")} was not found`)
      const modes = new Set(byResource.map((rows) => rows[0]?.booking_mode))
      if (modes.size > 1) throw conflict("the booking's resources have different booking modes")
      if (modes.has("APPOINTMENT")) {
        const dates = await appointmentAvailability(readerOf(sharedContext), this.options_, { ...input, quantity }, byResource)
        return {
          from: input.from,
          to: input.to,
          quantity,
          is_available: dates.every((d) => d.is_available),
          resources: input.items.map(({ resource_id, units }) => ({ resource_id, units })),
          dates: dates.map((d) => ({
            date: d.date,
            available_quantity: d.available_capacity,
            is_available: d.is_available,
            ...(d.reason ? { reason: d.reason } : {}),
          })),
        }
      }
      return this.zoned(groupAvailability(input.items, byResource, { ...input, quantity }))
    })
  }

  /**
   * Availability answers are kept by this process and used again while the
   * read stamp of their resources holds (read-cache.ts; ledger/sql/stamps.ts:
   * capacity, holds, blackouts, the resource's row, the next minute, the
   * first lapse): a storefront's calendar is read far more often than it
   * changes. Not inside a caller's transaction. Kept answers are shared:
   * callers copy before adding to them (api/store/utils/prices.ts).
   */
  protected readonly availabilityAnswers = new StampedReadCache<any>(500)

  protected async keptRead_<T>(
    sharedContext: Context,
    resourceIds: string[],
    key: string,
    stamp: ReadStamp | undefined,
    compute: () => Promise<T>
  ): Promise<T> {
    if (sharedContext.transactionManager) return await compute()
    return await this.availabilityAnswers.read(this.stampOf_(sharedContext, resourceIds, stamp), resourceIds, key, compute)
  }

  /**
   * The stamp a kept read checks: the caller's (`stamp`, read before this
   * call for these resources and more: one round trip for a whole request,
   * kept-reads.ts), else one read here.
   */
  protected stampOf_(sharedContext: Context, resourceIds: string[], stamp?: ReadStamp): () => Promise<ReadStamp> {
    if (stamp && versionsOf(stamp, resourceIds) !== null) return async () => stamp
    return () => readStamp(readerOf(sharedContext), resourceIds)
  }

  /** The availability rows of each item's resource, in the items' order. */
  protected async readAvailability_(
    items: { resource_id: string; units: number }[],
    input: { from: string; to: string; quantity?: number },
    sharedContext: Context
  ): Promise<capacity.AvailabilityRow[][]> {
    assertQuantity(input.quantity ?? 1)
    for (const item of items) assertQuantity(item.units, "units")
    this.assertRange(input.from, input.to)
    const rows = await capacity.readAvailability(readerOf(sharedContext), {
      items: items.map((item) => ({ resource_id: item.resource_id, needed: (input.quantity ?? 1) * item.units })),
      from: input.from,
      to: input.to,
      timezone: this.options_.timezone,
    })
    return items.map((item) => rows.filter((row) => row.resource_id === item.resource_id))
  }

  @InjectManager()
  async listCapacity(
    input: { resource_id: string; from: string; to: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CapacityDayDTO[]> {
    this.assertRange(input.from, input.to)
    const manager = readerOf(sharedContext)
    await capacity.getLiveResource(manager, input.resource_id, { requireActive: false })
    return this.zoned(await capacity.listCapacity(manager, input))
  }

  /** The local start times of each DEPARTURE resource's departures from today on (by resource id). */
  @InjectManager()
  async listDepartureStartTimes(resourceIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<Map<string, string[]>> {
    return await capacity.listDepartureStartTimes(readerOf(sharedContext), {
      resource_ids: resourceIds,
      from: todayIn(this.options_.timezone),
    })
  }

  @InjectManager()
  async retrieveHold(holdId: string, @MedusaContext() sharedContext: Context = {}): Promise<ResourceHoldDTO> {
    return this.zoned(await holds.retrieveHold(readerOf(sharedContext), holdId))
  }

  @InjectManager()
  async listHolds(
    filters: holds.HoldFilters = {},
    paging?: Paging,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<[ResourceHoldDTO[], number]> {
    return this.zoned(await holds.listHolds(readerOf(sharedContext), filters, paging))
  }

  /** Every hold of the groups the given holds belong to. */
  @InjectManager()
  async listHoldGroups(holdIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<ResourceHoldDTO[]> {
    return this.zoned(await holds.listHoldGroups(readerOf(sharedContext), holdIds))
  }

  @InjectManager()
  async retrieveAllocation(allocationId: string, @MedusaContext() sharedContext: Context = {}): Promise<ResourceAllocationDTO> {
    return this.zoned(await allocations.retrieveAllocation(readerOf(sharedContext), allocationId))
  }

  @InjectManager()
  async listAllocations(
    filters: allocations.AllocationFilters = {},
    paging?: Paging,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<[ResourceAllocationDTO[], number]> {
    if (filters.from && filters.to) this.assertRange(filters.from, filters.to)
    return this.zoned(await allocations.listAllocations(readerOf(sharedContext), filters, paging))
  }

  @InjectManager()
  async retrieveBlackout(blackoutId: string, @MedusaContext() sharedContext: Context = {}): Promise<ResourceBlackoutDTO> {
    return await blackouts.retrieveBlackout(readerOf(sharedContext), blackoutId)
  }

  @InjectManager()
  async listBlackouts(
    filters: { resource_id: string; from?: string; to?: string },
    paging?: Paging,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<[ResourceBlackoutDTO[], number]> {
    const manager = readerOf(sharedContext)
    await capacity.getLiveResource(manager, filters.resource_id, { requireActive: false })
    return await blackouts.listBlackouts(manager, filters, paging)
  }

  @InjectManager()
  async listCapacityAudit(
    filters: { resource_id: string; from?: string; to?: string },
    paging?: Paging,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<[CapacityAuditDTO[], number]> {
    if (filters.from && filters.to) this.assertRange(filters.from, filters.to)
    return await capacity.listCapacityAudit(readerOf(sharedContext), filters, paging)
  }

  /** Unit-days per resource over a range (contract "Utilization"). */
  @InjectManager()
  async getUtilization(
    input: { from: string; to: string; type?: ResourceType },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<UtilizationRowDTO[]> {
    this.assertRange(input.from, input.to)
    return await capacity.readUtilization(readerOf(sharedContext), input)
  }

  /**
   * The operator's planner: a page of resources (by type, by name) × every
   * date of from..to (at most MAX_PLANNER_DAYS), with capacity, free, held,
   * allocated and blackout per cell, departures as sub-rows, appointment
   * figures per date (repositories/planner-repository.ts: two statements for
   * the whole grid).
   */
  @InjectManager()
  async getPlanner(
    input: { from: string; to: string; type?: ResourceType; q?: string; limit: number; offset: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<[PlannerResourceDTO[], number]> {
    this.assertRange(input.from, input.to)
    const days = datesInRange(input.from, input.to).length
    if (days > MAX_PLANNER_DAYS) throw invalid(`from..to covers ${days} dates; the planner shows at most ${MAX_PLANNER_DAYS}`)
    return this.zoned(await readPlanner(readerOf(sharedContext), { ...input, timezone: this.options_.timezone }))
  }

  /**
   * Holds made on the dates from..to (in the module's zone) by outcome:
   * totals, per channel and per resource (repositories/conversion-repository.ts).
   */
  @InjectManager()
  async getConversionReport(
    input: { from: string; to: string; resource_id?: string; channel?: HoldChannel },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ConversionReportDTO> {
    this.assertRange(input.from, input.to)
    return await readConversion(readerOf(sharedContext), { ...input, timezone: this.options_.timezone })
  }

  /**
   * A day's allocations and unexpired active holds on one resource; for a
   * resource with departures, also grouped by departure (a driver's list
   * per sailing), in start order.
   */
  @InjectManager()
  async getManifest(
    input: { resource_id: string; date: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ManifestDTO> {
    if (!isCalendarDate(input.date)) throw invalid("date must be a valid date (YYYY-MM-DD)")
    const manager = readerOf(sharedContext)
    const resource = await capacity.getLiveResource(manager, input.resource_id, { requireActive: false })
    const rows = await capacity.listCapacityOn(manager, input.resource_id, [input.date])
    const dayAllocations = await allocations.listAllocationsOn(manager, input.resource_id, input.date)
    const dayHolds = await holds.listLiveHoldsOn(manager, input.resource_id, input.date)
    const on = (booking: { departures: { date: string; start_time: string }[] | null }, time: string) =>
      !!booking.departures?.some((departure) => departure.date === input.date && departure.start_time === time)
    const manifest: ManifestDTO = {
      date: input.date,
      booking_mode: resource.booking_mode,
      capacity: resource.booking_mode === "DEPARTURE" ? null : (rows.find((row) => !row.start_time) ?? null),
      allocations: dayAllocations,
      holds: dayHolds,
    }
    if (resource.booking_mode === "APPOINTMENT") {
      const units = Number((resource as any).appointment?.units ?? 1)
      Object.assign(manifest, await appointmentDay(manager, this.options_, { resource_id: input.resource_id, date: input.date, units }))
    }
    if (resource.booking_mode === "DEPARTURE") {
      manifest.departures = rows
        .filter((row) => row.start_time)
        .map((row) => ({
          start_time: row.start_time!,
          starts_at: row.starts_at!,
          ends_at: row.ends_at!,
          capacity: row,
          allocations: dayAllocations.filter((allocation) => on(allocation, row.start_time!)),
          holds: dayHolds.filter((hold) => on(hold, row.start_time!)),
        }))
    }
    return this.zoned(manifest)
  }

  // ---------------------------------------------------------------- appointments

  /**
   * The free starts of an appointment of `duration_minutes` on a resource
   * (`items`: one, units 1) or on a variant's resources (each with its
   * units), from..to (at most 62 dates), for `quantity`: one query.
   */
  @InjectManager()
  async getSlots(
    input: { items: { resource_id: string; units: number }[]; from: string; to: string; duration_minutes: number; quantity?: number; stamp?: ReadStamp },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Omit<SlotsDTO, "resource_id" | "variant_id">> {
    if (!input.items.length) throw invalid("the booking names no resource")
    const manager = readerOf(sharedContext)
    const search = async () => this.zoned(await searchSlots(manager, this.options_, input))
    if (sharedContext.transactionManager) return await search()
    // A month of slots is kept and used again while its read stamp holds (read-cache.ts).
    const key = JSON.stringify([input.items, input.from, input.to, input.duration_minutes, input.quantity ?? 1])
    const ids = input.items.map((item) => item.resource_id)
    return await this.slotAnswers.read(this.stampOf_(sharedContext, ids, input.stamp), ids, key, search)
  }

  /**
   * The read stamp of some ids now (ledger/sql/stamps.ts): resource ids, or
   * PRICES_READ_STAMP, which the pricing subscriber bumps. For answers kept
   * outside the module (a variant's prices, booking-prices.ts).
   */
  @InjectManager()
  async readStamp(ids: string[], @MedusaContext() sharedContext: Context = {}): Promise<ReadStamp> {
    return await readStamp(readerOf(sharedContext), ids)
  }

  /** Bumps the read stamps of some ids (what a kept answer read has changed outside the module's tables). */
  @InjectTransactionManager()
  async bumpReadStamps(ids: string[], @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await bumpReadStamps(sharedContext.transactionManager as any, ids)
  }

  /** Each date's working hours from..to (its exception, or its weekday's) of an APPOINTMENT resource. */
  @InjectManager()
  async listHours(
    input: { resource_id: string; from: string; to: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<DayHoursDTO[]> {
    this.assertRange(input.from, input.to)
    const manager = readerOf(sharedContext)
    await this.appointmentResource_(manager, input.resource_id)
    return await listDayHours(manager, input)
  }

  /**
   * Other hours on one date (`[]` closes it), or (`hours` null) the date back
   * to its weekday's hours, under the resource's lock (ledger/hours.ts).
   * Answers what the date had before, for a compensation.
   */
  @InjectTransactionManager()
  async setHoursException(
    input: { resource_id: string; date: string; hours: [string, string][] | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ previous: [string, string][] | null }> {
    if (!isCalendarDate(input.date)) throw invalid("date must be a valid date (YYYY-MM-DD)")
    const hours = input.hours === null ? null : validateHoursRanges(input.hours, "hours")
    const tx = ledger.transactionOf(sharedContext)
    await this.appointmentResource_(tx, input.resource_id)
    return await ledger.writeHoursException(tx, { ...input, hours })
  }

  protected async appointmentResource_(manager: any, resourceId: string) {
    const resource = await capacity.getLiveResource(manager, resourceId, { requireActive: false })
    if (resource.booking_mode !== "APPOINTMENT") {
      throw invalid(`resource ${resourceId} is booked ${resource.booking_mode === "DEPARTURE" ? "by departure" : "by the day"}: working hours are for resources booked by appointment`)
    }
    return resource
  }

  // ---------------------------------------------------------------- holds

  /**
   * Creates a hold on all of its dates or none (contract invariants 2–4).
   * Idempotent: the same token with the same request returns the hold as it
   * is now (`created: false`); with another request it is a conflict.
   */
  @InjectManager()
  async createHold(input: CreateHoldInput, @MedusaContext() sharedContext: Context = {}): Promise<CreateHoldResult> {
    if (typeof input?.resource_id !== "string" || !input.resource_id) throw invalid("resource_id is required")
    const { resource_id, quantity, ...rest } = input
    const group = await ledger.createHoldGroup(readerOf(sharedContext), this.options_, {
      ...rest,
      items: [{ resource_id, quantity }],
    })
    if (group.holds.length !== 1) throw conflict("idempotency_token was already used with a different request")
    return { hold: this.zoned(group.holds[0]), created: group.created }
  }

  /** One hold per resource, sharing a group id, all or nothing (several resources for one booking). */
  @InjectManager()
  async createHoldGroup(
    input: CreateHoldGroupInput & { ttl_minutes?: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CreateHoldGroupResult> {
    return this.zoned(await ledger.createHoldGroup(readerOf(sharedContext), this.options_, input, input.ttl_minutes))
  }

  /** Puts an ACTIVE hold's group on a cart unless it is on another cart (hold-repository.claimHoldGroupForCart). */
  @InjectTransactionManager()
  async claimHoldGroupForCart(input: { hold_id: string; cart_id: string }, @MedusaContext() sharedContext: Context = {}) {
    return this.zoned(await holds.claimHoldGroupForCart(ledger.transactionOf(sharedContext), input))
  }

  @InjectTransactionManager()
  async unclaimHoldGroup(input: { hold_id: string; cart_id: string }, @MedusaContext() sharedContext: Context = {}) {
    await holds.unclaimHoldGroup(ledger.transactionOf(sharedContext), input)
  }

  /**
   * Releases an ACTIVE hold and the rest of its group, giving capacity back. A
   * RELEASED or EXPIRED hold is returned unchanged; an ACTIVE one past
   * `expires_at` is expired (that is what it already is); a CONFIRMED one is a
   * conflict.
   */
  @InjectTransactionManager()
  async releaseHold(holdId: string, @MedusaContext() sharedContext: Context = {}): Promise<ReleaseHoldResult> {
    const tx = ledger.transactionOf(sharedContext)
    const hold = await holds.retrieveHold(tx, holdId)
    if (hold.status === "CONFIRMED") throw conflict(`Resource hold ${holdId} is CONFIRMED and cannot be released`)
    const group = await holds.listHoldGroups(tx, [holdId])
    const { released, expired } = await ledger.finishActiveHolds(tx, group.map((member) => member.id))
    return {
      hold: this.zoned(await holds.retrieveHold(tx, holdId)),
      changed: released.length + expired.length > 0,
      resource_ids: [...new Set(group.map((member) => member.resource_id))],
    }
  }

  /**
   * One sweep batch: expires up to `batchSize` lapsed ACTIVE holds, one
   * resource a transaction; safe to run in several processes at once.
   */
  async expireHolds(input: { batchSize?: number } = {}, @MedusaContext() sharedContext: Context = {}): Promise<ExpireHoldsResult> {
    const batchSize = Math.max(1, Math.min(input.batchSize ?? 1000, 10_000))
    const expired: { id: string; resource_id: string }[] = []
    for (const { resource_id, count } of await this.listLapsedHoldResources_(batchSize, sharedContext)) {
      const ids = await this.expireLapsedOf_(resource_id, count, sharedContext)
      expired.push(...ids.map((id) => ({ id, resource_id })))
    }
    return { expired }
  }

  @InjectManager()
  protected async listLapsedHoldResources_(batchSize: number, @MedusaContext() sharedContext: Context = {}) {
    return await ledger.listLapsedHoldResources(readerOf(sharedContext), batchSize)
  }

  @InjectTransactionManager()
  protected async expireLapsedOf_(resourceId: string, limit: number, @MedusaContext() sharedContext: Context = {}) {
    return await ledger.expireLapsed(ledger.transactionOf(sharedContext), resourceId, { limit })
  }

  /**
   * Pushes `expires_at` of the holds' groups to at least now + minutes, capped
   * at `created_at + maxHoldLifetimeMinutes`; ACTIVE, unexpired holds only.
   */
  @InjectTransactionManager()
  async extendHolds(
    input: { hold_ids: string[]; minutes: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; previous_expires_at: Date }[]> {
    return await ledger.extendHoldGroups(ledger.transactionOf(sharedContext), this.options_, input)
  }

  /** Compensation of extendHolds: puts back the expiry times it replaced. */
  @InjectTransactionManager()
  async restoreHoldExpiry(
    input: { id: string; previous_expires_at: Date | string }[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await ledger.restoreHoldExpiry(ledger.transactionOf(sharedContext), input)
  }

  /**
   * Retention: moves finished holds and audit rows older than the
   * `retention` option's days to the archive tables, `batchSize` rows a
   * batch (each batch one autocommit call of resource_booking_archive_history,
   * skipping rows others are moving), until a batch moves nothing or
   * `maxBatches` ran. Off (nothing moves) while both days are 0.
   */
  async archiveHistory(
    input: { batchSize?: number; maxBatches?: number } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ holds: number; audit: number }> {
    const { finishedHoldsDays, auditDays } = this.options_.retention
    const moved = { holds: 0, audit: 0 }
    if (!finishedHoldsDays && !auditDays) return moved
    for (let batch = 0; batch < (input.maxBatches ?? 1000); batch++) {
      const { holds, audit } = await this.archiveBatch_(finishedHoldsDays, auditDays, input.batchSize ?? 1000, sharedContext)
      moved.holds += holds
      moved.audit += audit
      if (!holds && !audit) break
    }
    return moved
  }

  @InjectManager()
  protected async archiveBatch_(holdDays: number, auditDays: number, batch: number, @MedusaContext() sharedContext: Context = {}) {
    return await ledger.archiveHistory(readerOf(sharedContext), { holdDays, auditDays, batch })
  }

  // ---------------------------------------------------------------- waitlist

  @InjectTransactionManager()
  async createWaitlistEntry(input: CreateWaitlistEntryInput, @MedusaContext() sharedContext: Context = {}): Promise<WaitlistEntryDTO> {
    const tx = ledger.transactionOf(sharedContext)
    return await waitlist.retrieveWaitlistEntry(tx, await createWaitlistEntry(tx, this.options_, input))
  }

  @InjectManager()
  async retrieveWaitlistEntry(id: string, @MedusaContext() sharedContext: Context = {}): Promise<WaitlistEntryDTO> {
    return await waitlist.retrieveWaitlistEntry(readerOf(sharedContext), id)
  }

  @InjectManager()
  async listWaitlistEntries(
    filters: { resource_id?: string; variant_id?: string; status?: string } = {},
    paging?: Paging,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<[WaitlistEntryDTO[], number]> {
    return await waitlist.listWaitlistEntries(readerOf(sharedContext), filters, paging)
  }

  /** The customer leaves (LEFT) or an admin removes (REMOVED) an entry, once; an offer's holds go back. */
  @InjectTransactionManager()
  async endWaitlistEntry(
    input: { id: string; status: "LEFT" | "REMOVED" },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ entry: WaitlistEntryDTO; changed: boolean; resource_ids: string[]; released: { id: string; resource_id: string }[] }> {
    const tx = ledger.transactionOf(sharedContext)
    await waitlist.retrieveWaitlistEntry(tx, input.id)
    const ended = await waitlist.endWaitlistEntry(tx, input.id, input.status)
    const released: { id: string; resource_id: string }[] = []
    if (ended?.hold_group_id) {
      const [group] = await holds.listHolds(tx, { group_ids: [ended.hold_group_id] }, { limit: 1000 })
      const finished = await ledger.finishActiveHolds(tx, group.map((hold) => hold.id))
      for (const hold of group) {
        if (finished.released.includes(hold.id) || finished.expired.includes(hold.id)) {
          released.push({ id: hold.id, resource_id: hold.resource_id })
        }
      }
    }
    return {
      entry: await waitlist.retrieveWaitlistEntry(tx, input.id),
      changed: !!ended,
      resource_ids: ended?.resource_ids ?? [],
      released,
    }
  }

  /** Compensation of createWaitlistEntry. */
  @InjectTransactionManager()
  async discardWaitlistEntry(id: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await waitlist.discardWaitlistEntry(ledger.transactionOf(sharedContext), id)
  }

  /** Offers capacity freed on these resources (all with live entries when none are named) to the waitlist, in order. */
  @InjectManager()
  async offerWaitlist(resourceIds?: string[], @MedusaContext() sharedContext: Context = {}): Promise<WaitlistOfferDTO[]> {
    const manager = readerOf(sharedContext)
    return await ledger.offerWaitlist(manager, this.options_, resourceIds ?? (await ledger.listWaitlistedResources(manager)))
  }

  // ---------------------------------------------------------------- allocations

  @InjectTransactionManager()
  async confirmHold(input: ConfirmHoldInput, @MedusaContext() sharedContext: Context = {}): Promise<ConfirmHoldResult> {
    return this.zoned(await ledger.confirmHold(ledger.transactionOf(sharedContext), input))
  }

  @InjectTransactionManager()
  async revertConfirmation(
    input: { allocation_id: string; hold_confirmed: boolean },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await ledger.revertConfirmation(ledger.transactionOf(sharedContext), input)
  }

  @InjectTransactionManager()
  async cancelAllocation(
    input: { allocation_id: string; restore_capacity: boolean; actor_id?: string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CancelAllocationResult> {
    return this.zoned(await ledger.cancelAllocation(ledger.transactionOf(sharedContext), input))
  }

  @InjectTransactionManager()
  async revertAllocationCancel(
    input: { allocation_id: string; capacity_restored: boolean },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await ledger.revertAllocationCancel(ledger.transactionOf(sharedContext), input)
  }

  // ---------------------------------------------------------------- capacity

  /** The dates a capacity change names: from..to, filtered by weekdays. */
  capacityDates(input: { from: string; to: string; weekdays?: number[] }): string[] {
    this.assertRange(input.from, input.to)
    const weekdays = input.weekdays?.length ? new Set(input.weekdays) : null
    return datesInRange(input.from, input.to).filter((date) => !weekdays || weekdays.has(weekdayOf(date)))
  }

  /**
   * Sets `max_capacity` on every named date, or on every named departure of
   * those dates (`start_times`, `duration_minutes`: DEPARTURE resources only,
   * and required for them). A new one starts fully available; an existing
   * one keeps what is taken (available += new − old). If any would go below
   * 0, nothing changes and the conflict names them; start times that do not
   * exist on a date come back in `skipped`.
   */
  @InjectTransactionManager()
  async setCapacity(input: SetCapacityInput, @MedusaContext() sharedContext: Context = {}): Promise<SetCapacityResult> {
    validateCapacityInput(this.options_, input)
    const dates = this.capacityDates(input)
    const tx = ledger.transactionOf(sharedContext)
    const resource = await capacity.getLiveResource(tx, input.resource_id, { requireActive: false })
    if (resource.booking_mode === "DEPARTURE" && !input.start_times) {
      throw invalid(`start_times is required: resource ${input.resource_id} is booked by departure`)
    }
    if (resource.booking_mode === "APPOINTMENT") {
      throw invalid(`resource ${input.resource_id} is booked by appointment: its capacity is appointment.units, not set by date`)
    }
    if (resource.booking_mode !== "DEPARTURE" && input.start_times) {
      throw invalid(`start_times is only for resources booked by departure (resource ${input.resource_id} is ${resource.booking_mode})`)
    }
    const targets = input.start_times
      ? dates.flatMap((date) =>
          [...input.start_times!].sort().map((start_time) => ({
            date,
            start_time,
            duration_minutes: input.duration_minutes!,
            max_capacity: input.max_capacity,
          }))
        )
      : dates.map((date) => ({ date, max_capacity: input.max_capacity }))
    return this.zoned(await ledger.writeCapacity(tx, input.resource_id, targets, input.actor_id ?? null, this.options_.timezone))
  }

  /** Compensation of setCapacity: puts back each previous maximum (a new date or departure is set to 0). */
  @InjectTransactionManager()
  async restoreCapacity(
    input: { resource_id: string; previous: SetCapacityResult["previous"] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await ledger.writeCapacity(
      ledger.transactionOf(sharedContext),
      input.resource_id,
      input.previous.map((row) => ({ ...row, max_capacity: row.max_capacity ?? 0 })),
      null,
      this.options_.timezone
    )
  }

  // ---------------------------------------------------------------- blackouts

  @InjectTransactionManager()
  async createBlackout(input: CreateBlackoutInput, @MedusaContext() sharedContext: Context = {}): Promise<CreateBlackoutResult> {
    validateBlackoutInput(this.options_, input)
    const tx = ledger.transactionOf(sharedContext)
    await capacity.getLiveResource(tx, input.resource_id, { requireActive: false })
    return await ledger.createBlackout(tx, input)
  }

  @InjectTransactionManager()
  async deleteBlackout(blackoutId: string, @MedusaContext() sharedContext: Context = {}): Promise<ResourceBlackoutDTO> {
    return await ledger.deleteBlackout(ledger.transactionOf(sharedContext), blackoutId)
  }

  /** Compensation of deleteBlackout. */
  @InjectTransactionManager()
  async restoreBlackout(blackoutId: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await ledger.restoreBlackout(ledger.transactionOf(sharedContext), blackoutId)
  }
}
