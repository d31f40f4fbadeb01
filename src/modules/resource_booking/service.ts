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
import { datesInRange, isCalendarDate, weekdayOf } from "./utils/dates"
import { assertQuantity, validateBlackoutInput, validateCapacityInput } from "./validation"

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
  // ---------------------------------------------------------------- reads

  @InjectManager()
  async getAvailability(
    input: { resource_id: string; from: string; to: string; quantity?: number; require_active?: boolean },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<AvailabilityDTO> {
    const quantity = input.quantity ?? 1
    const [rows] = await this.readAvailability_([{ resource_id: input.resource_id, units: 1 }], input, sharedContext)
    const active = rows[0]?.resource_active
    if (active == null || (!active && (input.require_active ?? true))) {
      throw notFound(`Resource with id: ${input.resource_id} was not found`)
    }
    return resourceAvailability(input.resource_id, rows, { ...input, quantity })
  }

  /**
   * Availability of a booking that takes `units` of each resource per unit
   * booked (a variant linked to several resources), in one statement: per
   * date, the least over the resources of floor(available / units), and the
   * first reason that applies on any of them.
   */
  @InjectManager()
  async getGroupAvailability(
    input: { items: { resource_id: string; units: number }[]; from: string; to: string; quantity?: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<GroupAvailabilityDTO> {
    const quantity = input.quantity ?? 1
    if (!input.items.length) throw invalid("the booking names no resource")
    const byResource = await this.readAvailability_(input.items, input, sharedContext)
    const missing = input.items.filter((_, index) => !byResource[index][0]?.resource_active)
    if (missing.length) throw notFound(`Resource with id: ${missing.map((item) => item.resource_id).join(", ")} was not found`)
    return groupAvailability(input.items, byResource, { ...input, quantity })
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
      resource_ids: items.map((item) => item.resource_id),
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
    return await capacity.listCapacity(manager, input)
  }

  @InjectManager()
  async retrieveHold(holdId: string, @MedusaContext() sharedContext: Context = {}): Promise<ResourceHoldDTO> {
    return await holds.retrieveHold(readerOf(sharedContext), holdId)
  }

  @InjectManager()
  async listHolds(
    filters: holds.HoldFilters = {},
    paging?: Paging,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<[ResourceHoldDTO[], number]> {
    return await holds.listHolds(readerOf(sharedContext), filters, paging)
  }

  /** Every hold of the groups the given holds belong to. */
  @InjectManager()
  async listHoldGroups(holdIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<ResourceHoldDTO[]> {
    return await holds.listHoldGroups(readerOf(sharedContext), holdIds)
  }

  @InjectManager()
  async retrieveAllocation(allocationId: string, @MedusaContext() sharedContext: Context = {}): Promise<ResourceAllocationDTO> {
    return await allocations.retrieveAllocation(readerOf(sharedContext), allocationId)
  }

  @InjectManager()
  async listAllocations(
    filters: allocations.AllocationFilters = {},
    paging?: Paging,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<[ResourceAllocationDTO[], number]> {
    if (filters.from && filters.to) this.assertRange(filters.from, filters.to)
    return await allocations.listAllocations(readerOf(sharedContext), filters, paging)
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

  /** A day's allocations and unexpired active holds on one resource. */
  @InjectManager()
  async getManifest(
    input: { resource_id: string; date: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ date: string; capacity: CapacityDayDTO | null; allocations: ResourceAllocationDTO[]; holds: ResourceHoldDTO[] }> {
    if (!isCalendarDate(input.date)) throw invalid("date must be a valid date (YYYY-MM-DD)")
    const manager = readerOf(sharedContext)
    await capacity.getLiveResource(manager, input.resource_id, { requireActive: false })
    const [day] = await capacity.listCapacityOn(manager, input.resource_id, [input.date])
    return {
      date: input.date,
      capacity: day ?? null,
      allocations: await allocations.listAllocationsOn(manager, input.resource_id, input.date),
      holds: await holds.listLiveHoldsOn(manager, input.resource_id, input.date),
    }
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
    return { hold: group.holds[0], created: group.created }
  }

  /** One hold per resource, sharing a group id, all or nothing (several resources for one booking). */
  @InjectManager()
  async createHoldGroup(
    input: CreateHoldGroupInput & { ttl_minutes?: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CreateHoldGroupResult> {
    return await ledger.createHoldGroup(readerOf(sharedContext), this.options_, input, input.ttl_minutes)
  }

  /** Puts an ACTIVE hold's group on a cart unless it is on another cart (hold-repository.claimHoldGroupForCart). */
  @InjectTransactionManager()
  async claimHoldGroupForCart(input: { hold_id: string; cart_id: string }, @MedusaContext() sharedContext: Context = {}) {
    return await holds.claimHoldGroupForCart(ledger.transactionOf(sharedContext), input)
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
      hold: await holds.retrieveHold(tx, holdId),
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
  ): Promise<{ entry: WaitlistEntryDTO; changed: boolean; resource_ids: string[] }> {
    const tx = ledger.transactionOf(sharedContext)
    await waitlist.retrieveWaitlistEntry(tx, input.id)
    const ended = await waitlist.endWaitlistEntry(tx, input.id, input.status)
    if (ended?.hold_group_id) {
      const group = await holds.listHolds(tx, { group_ids: [ended.hold_group_id] }, { limit: 1000 })
      await ledger.finishActiveHolds(tx, group[0].map((hold) => hold.id))
    }
    return { entry: await waitlist.retrieveWaitlistEntry(tx, input.id), changed: !!ended, resource_ids: ended?.resource_ids ?? [] }
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
    return await ledger.confirmHold(ledger.transactionOf(sharedContext), input)
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
    return await ledger.cancelAllocation(ledger.transactionOf(sharedContext), input)
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
   * Sets `max_capacity` on every named date. A new date starts fully
   * available; an existing one keeps what is taken (available += new − old).
   * If any date would go below 0, nothing changes and the conflict names them.
   */
  @InjectTransactionManager()
  async setCapacity(input: SetCapacityInput, @MedusaContext() sharedContext: Context = {}): Promise<SetCapacityResult> {
    validateCapacityInput(this.options_, input)
    const dates = this.capacityDates(input)
    const tx = ledger.transactionOf(sharedContext)
    await capacity.getLiveResource(tx, input.resource_id, { requireActive: false })
    return await ledger.writeCapacity(
      tx,
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
    await ledger.writeCapacity(
      ledger.transactionOf(sharedContext),
      input.resource_id,
      input.previous.map((day) => ({ date: day.date, max_capacity: day.max_capacity ?? 0 })),
      null
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
