import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createOrderWorkflow, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { ConfirmHoldInput } from "../../modules/resource_booking/types"
import { confirmationEventsData, ResourceBookingEvents } from "../events"
import { confirmResourceHoldsStep } from "../steps/confirm-resource-holds"
import { emitResourceBookingEvents } from "../utils/emit-events"
import { updateOctoBookingRecordStep } from "./steps/update-octo-booking-record"

export const confirmOctoBookingWorkflowId = "confirm-octo-booking-workflow"

export type ConfirmOctoBookingInput = {
  booking_id: string
  hold_ids: string[]
  /** createOrderWorkflow's input: the reseller's sales channel, one line item for the booking. */
  order: Record<string, any>
  /** What the confirmation changes on the record besides status and order. */
  record: Record<string, any>
}

/**
 * POST /octo/bookings/:uuid/confirm: a Medusa order in the reseller's sales
 * channel (Medusa's own createOrderWorkflow, so it is listed with every other
 * order), its line item's holds confirmed into allocations of that order and
 * line, and the record CONFIRMED. Any failing step undoes the ones before it
 * (order deleted, confirmations reverted).
 */
export const confirmOctoBookingWorkflow = createWorkflow(confirmOctoBookingWorkflowId, (input: ConfirmOctoBookingInput) => {
  const order = createOrderWorkflow.runAsStep({ input: input.order as any })
  const { data: orders } = useQueryGraphStep({
    entity: "order",
    fields: ["id", "display_id", "items.id"],
    filters: { id: order.id },
  }).config({ name: "octo-order-items-query" })

  const lines = transform({ input, orders }, ({ input, orders }): ConfirmHoldInput[] => {
    const placed = orders[0] as any
    const lineItemId = placed.items[0].id
    return input.hold_ids.map((hold_id) => ({ hold_id, order_id: placed.id, line_item_id: lineItemId }))
  })
  const results = confirmResourceHoldsStep(lines)

  const update = transform({ input, orders }, ({ input, orders }) => ({
    ...input.record,
    id: input.booking_id,
    status: "CONFIRMED",
    order_id: (orders[0] as any).id,
    confirmed_at: new Date(),
  }))
  const booking = updateOctoBookingRecordStep(update)

  const events = transform({ results }, ({ results }) => confirmationEventsData(results))
  emitResourceBookingEvents("octo-confirmation", events, {
    holdConfirmed: ResourceBookingEvents.HOLD_CONFIRMED,
    allocationCreated: ResourceBookingEvents.ALLOCATION_CREATED,
    needsReview: ResourceBookingEvents.ALLOCATION_NEEDS_REVIEW,
  })
  return new WorkflowResponse({ booking, order: orders[0], allocations: results })
})
