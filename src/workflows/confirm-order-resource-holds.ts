import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { ConfirmHoldInput } from "../modules/resource_booking/types"
import { confirmationEventsData, ResourceBookingEvents } from "./events"
import { confirmResourceHoldsStep } from "./steps/confirm-resource-holds"
import { bookingHoldIdsOf } from "./utils/booking-line-items"
import { emitResourceBookingEvents } from "./utils/emit-events"

export const confirmOrderResourceHoldsWorkflowId = "confirm-order-resource-holds-workflow"

/**
 * Turns the holds named by an order's booking line items
 * (`metadata.resource_hold_ids`, or `resource_hold_id`) into allocations of
 * that order and line item, one per resource.
 * Running it again for the same order (a redelivered event) changes nothing.
 */
export const confirmOrderResourceHoldsWorkflow = createWorkflow(
  confirmOrderResourceHoldsWorkflowId,
  (input: { order_id: string }) => {
    const { data: orders } = useQueryGraphStep({
      entity: "order",
      fields: ["id", "items.id", "items.metadata"],
      filters: { id: input.order_id },
      options: { throwIfKeyNotFound: true },
    })

    const lines = transform({ orders }, ({ orders }): ConfirmHoldInput[] => {
      const order = orders[0] as any
      return (order.items ?? []).flatMap((item: any) => {
        const holdIds = bookingHoldIdsOf(item?.metadata)
        if (!Array.isArray(holdIds)) return []
        return holdIds.map((hold_id) => ({ hold_id, order_id: order.id, line_item_id: item.id }))
      })
    })

    // An order without a booking line (a shop sells other things too) stops
    // here: one read of its items' metadata.
    const confirmed = when({ lines }, ({ lines }) => lines.length > 0).then(() => {
      const results = confirmResourceHoldsStep(lines)

      const events = transform({ results }, ({ results }) => confirmationEventsData(results))
      emitResourceBookingEvents("confirmation", events, {
        holdConfirmed: ResourceBookingEvents.HOLD_CONFIRMED,
        allocationCreated: ResourceBookingEvents.ALLOCATION_CREATED,
        needsReview: ResourceBookingEvents.ALLOCATION_NEEDS_REVIEW,
      })

      return results
    })
    return new WorkflowResponse(transform({ confirmed }, ({ confirmed }) => confirmed ?? []))
  }
)

export default confirmOrderResourceHoldsWorkflow
