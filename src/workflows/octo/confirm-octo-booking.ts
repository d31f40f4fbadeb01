import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createOrderWorkflow, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { changedBookable, confirmationUnits, holdRequest, recordOf } from "../../lib/octo/bookable"
import { ConfirmHoldInput } from "../../modules/resource_booking/types"
import { confirmationEventsData, ResourceBookingEvents } from "../events"
import { confirmResourceHoldsStep } from "../steps/confirm-resource-holds"
import { emitResourceBookingEvents } from "../utils/emit-events"
import { claimOctoBookingStep } from "./steps/claim-octo-booking"
import { createOctoHoldGroupStep } from "./steps/create-octo-hold-group"
import { finishOctoBookingStep } from "./steps/finish-octo-booking"
import { prepareOctoOrderStep } from "./steps/prepare-octo-order"
import { releaseOctoHoldsStep } from "./steps/release-octo-holds"
import { resolveOctoBookableStep } from "./steps/resolve-octo-bookable"

export const confirmOctoBookingWorkflowId = "confirm-octo-booking-workflow"

export type ConfirmOctoBookingInput = {
  uuid: string
  reseller_id: string
  reseller_key_id: string
  sales_channel_id: string
  /** reseller_reference, contact, notes as the request gave them (checked). */
  changes: Record<string, any>
  /** The request's unitItems (checked shapes), if any. */
  unit_items?: { unitId?: unknown; resellerReference?: string | null; contact?: Record<string, any> }[] | null
}

/**
 * POST /octo/bookings/:uuid/confirm. The booking is claimed first (one call
 * at a time, across processes; a CONFIRMED booking is answered as it is, no
 * second order). Then: a new hold group if the unit items change what is
 * booked; a Medusa order in the reseller's sales channel (Medusa's own
 * createOrderWorkflow, so it is listed with every other order); the holds
 * confirmed into allocations of that order and line; the record CONFIRMED
 * with its order, the claim ended; the old hold group released last. Any
 * failing step undoes the ones before it (holds released, order deleted,
 * confirmations reverted, claim ended).
 */
export const confirmOctoBookingWorkflow = createWorkflow(confirmOctoBookingWorkflowId, (input: ConfirmOctoBookingInput) => {
  const claim = claimOctoBookingStep(
    transform({ input }, ({ input }) => ({ uuid: input.uuid, reseller_id: input.reseller_id, action: "confirm" as const }))
  )

  const confirmed = when("octo-confirm-claimed", { claim }, ({ claim }) => claim.proceed).then(() => {
    const plan = transform({ input, claim }, ({ input, claim }) => {
      const units = confirmationUnits(claim.booking, input.unit_items)
      const changes: Record<string, any> = { ...input.changes, ...(units.unit_items ? { unit_items: units.unit_items } : {}) }
      return {
        changes,
        request: units.rebook ? changedBookable(claim.booking, units.rebook) : null,
      }
    })
    const bookable = resolveOctoBookableStep(
      transform({ input, plan }, ({ input, plan }) => ({ sales_channel_id: input.sales_channel_id, request: plan.request }))
    )
    const revision = transform({ claim }, ({ claim }) => (claim.booking.hold_revision ?? 0) + 1)
    const group = createOctoHoldGroupStep(
      transform({ input, claim, bookable, revision }, ({ input, claim, bookable, revision }) =>
        bookable ? holdRequest(bookable, claim.booking.uuid, revision, input.reseller_key_id) : null
      )
    )
    const confirming = transform({ claim, plan, bookable, group, revision }, ({ claim, plan, bookable, group, revision }) => {
      const rebooked = bookable && group ? { ...recordOf(bookable), hold_ids: group.holds.map((hold) => hold.id), hold_revision: revision } : {}
      const record = { ...plan.changes, ...rebooked }
      // The order's contact: the booking's, completed by the confirmation's.
      const contact = { ...(claim.booking.contact ?? {}), ...(plan.changes.contact ?? {}) }
      return { record, booking: { ...claim.booking, ...record, contact } }
    })

    const orderInput = prepareOctoOrderStep(
      transform({ input, confirming }, ({ input, confirming }) => ({
        booking: confirming.booking,
        hold_ids: confirming.booking.hold_ids,
        sales_channel_id: input.sales_channel_id,
        reseller_key_id: input.reseller_key_id,
      }))
    )
    const order = createOrderWorkflow.runAsStep({ input: orderInput as any })
    const { data: orders } = useQueryGraphStep({
      entity: "order",
      fields: ["id", "display_id", "items.id"],
      filters: { id: order.id },
    }).config({ name: "octo-order-items-query" })

    const lines = transform({ confirming, orders }, ({ confirming, orders }): ConfirmHoldInput[] => {
      const placed = orders[0] as any
      const lineItemId = placed.items[0].id
      return confirming.booking.hold_ids.map((hold_id: string) => ({ hold_id, order_id: placed.id, line_item_id: lineItemId }))
    })
    const results = confirmResourceHoldsStep(lines)

    const booking = finishOctoBookingStep(
      transform({ claim, confirming, orders }, ({ claim, confirming, orders }) => ({
        booking: claim.booking,
        token: claim.token!,
        changes: { ...confirming.record, status: "CONFIRMED", order_id: (orders[0] as any).id, confirmed_at: new Date() },
      }))
    )
    // The hold group a change of units replaced: released last (a release cannot be undone).
    releaseOctoHoldsStep(transform({ claim, bookable }, ({ claim, bookable }) => ({ hold_ids: bookable ? claim.booking.hold_ids : [] })))

    const events = transform({ results }, ({ results }) => confirmationEventsData(results))
    emitResourceBookingEvents("octo-confirmation", events, {
      holdConfirmed: ResourceBookingEvents.HOLD_CONFIRMED,
      allocationCreated: ResourceBookingEvents.ALLOCATION_CREATED,
      needsReview: ResourceBookingEvents.ALLOCATION_NEEDS_REVIEW,
    })
    return booking
  })

  return new WorkflowResponse(transform({ claim, confirmed }, ({ claim, confirmed }) => confirmed ?? claim.booking))
})
