import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { BookableInput, changedBookable, holdRequest, recordOf } from "../../lib/octo/bookable"
import { holdCreatedData, ResourceBookingEvents } from "../events"
import { claimOctoBookingStep } from "./steps/claim-octo-booking"
import { createOctoHoldGroupStep } from "./steps/create-octo-hold-group"
import { extendOctoHoldsStep } from "./steps/extend-octo-holds"
import { finishOctoBookingStep } from "./steps/finish-octo-booking"
import { releaseOctoHoldsStep } from "./steps/release-octo-holds"
import { resolveOctoBookableStep } from "./steps/resolve-octo-bookable"

export const updateOctoBookingWorkflowId = "update-octo-booking-workflow"

export type UpdateOctoBookingInput = {
  uuid: string
  reseller_id: string
  /** The key making the change: a new hold group counts against its hoarding limit. */
  reseller_key_id: string
  sales_channel_id: string
  /** reseller_reference, contact, notes as the request gave them (checked). */
  changes: Record<string, any>
  /** What changes in what a reservation books (productId, optionId, availabilityId, unitItems); null: nothing. */
  change?: BookableInput | null
  /** expirationMinutes: the reservation's holds live that long from now (or the new group does). */
  ttl_minutes?: number | null
}

/**
 * PATCH /octo/bookings/:uuid. The booking is claimed first. References,
 * contact and notes change on any open booking; what is booked changes only
 * while ON_HOLD: the new hold group is taken first and the old one released
 * last, so a refused change leaves the reservation as it was. An
 * expirationMinutes on a reservation that keeps its holds extends them.
 */
export const updateOctoBookingWorkflow = createWorkflow(updateOctoBookingWorkflowId, (input: UpdateOctoBookingInput) => {
  const claim = claimOctoBookingStep(
    transform({ input }, ({ input }) => ({
      uuid: input.uuid,
      reseller_id: input.reseller_id,
      action: input.change ? ("rebook" as const) : ("update" as const),
    }))
  )

  const updated = when("octo-update-claimed", { claim }, ({ claim }) => claim.proceed).then(() => {
    const bookable = resolveOctoBookableStep(
      transform({ input, claim }, ({ input, claim }) => ({
        sales_channel_id: input.sales_channel_id,
        request: input.change ? changedBookable(claim.booking, input.change) : null,
      }))
    )
    const revision = transform({ claim }, ({ claim }) => (claim.booking.hold_revision ?? 0) + 1)
    const group = createOctoHoldGroupStep(
      transform({ input, claim, bookable, revision }, ({ input, claim, bookable, revision }) =>
        bookable ? holdRequest(bookable, claim.booking.uuid, revision, input.reseller_key_id, input.ttl_minutes ?? undefined) : null
      )
    )
    emitEventStep({
      eventName: ResourceBookingEvents.HOLD_CREATED,
      data: transform({ group }, ({ group }) => (group?.created ? group.holds.map((hold) => holdCreatedData(hold)) : [])),
    }).config({ name: "emit-octo-update-hold-created-step" })
    extendOctoHoldsStep(
      transform({ input, claim, bookable }, ({ input, claim, bookable }) => ({
        hold_ids: !bookable && input.ttl_minutes && claim.live.status === "ON_HOLD" ? claim.booking.hold_ids ?? [] : [],
        minutes: input.ttl_minutes ?? 0,
      }))
    )
    const booking = finishOctoBookingStep(
      transform({ input, claim, bookable, group, revision }, ({ input, claim, bookable, group, revision }) => ({
        booking: claim.booking,
        token: claim.token!,
        changes: {
          ...input.changes,
          ...(bookable && group ? { ...recordOf(bookable), hold_ids: group.holds.map((hold) => hold.id), hold_revision: revision } : {}),
        },
      }))
    )
    releaseOctoHoldsStep(transform({ claim, bookable }, ({ claim, bookable }) => ({ hold_ids: bookable ? claim.booking.hold_ids ?? [] : [] })))
    return booking
  })

  return new WorkflowResponse(transform({ claim, updated }, ({ claim, updated }) => updated ?? claim.booking))
})
