import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { ConfirmHoldInput } from "../modules/resource_booking/types"
import { ResourceBookingEvents } from "./events"
import { confirmResourceHoldsStep } from "./steps/confirm-resource-hold"

export const confirmOrderResourceHoldsWorkflowId = "confirm-order-resource-holds"

/**
 * Turns the holds named by an order's booking line items
 * (`metadata.resource_hold_id`) into allocations of that order and line item.
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
      return (order.items ?? [])
        .filter((item: any) => typeof item?.metadata?.resource_hold_id === "string")
        .map((item: any) => ({
          hold_id: item.metadata.resource_hold_id,
          order_id: order.id,
          line_item_id: item.id,
        }))
    })

    const results = confirmResourceHoldsStep(lines)

    const events = transform({ results }, ({ results }) => {
      const created = results.filter((result) => result.created)
      return {
        holdConfirmed: results
          .filter((result) => result.hold_confirmed)
          .map((result) => ({
            id: result.allocation.hold_id,
            allocation_id: result.allocation.id,
            order_id: result.allocation.order_id,
            resource_id: result.allocation.resource_id,
          })),
        allocationCreated: created.map(({ allocation }) => ({
          id: allocation.id,
          hold_id: allocation.hold_id,
          order_id: allocation.order_id,
          line_item_id: allocation.line_item_id,
          resource_id: allocation.resource_id,
        })),
        needsReview: created
          .filter(({ allocation }) => allocation.needs_review)
          .map(({ allocation }) => ({
            id: allocation.id,
            hold_id: allocation.hold_id,
            order_id: allocation.order_id,
            resource_id: allocation.resource_id,
            reason: allocation.review_reason,
          })),
      }
    })

    emitEventStep({ eventName: ResourceBookingEvents.HOLD_CONFIRMED, data: events.holdConfirmed }).config({
      name: "emit-hold-confirmed",
    })
    emitEventStep({ eventName: ResourceBookingEvents.ALLOCATION_CREATED, data: events.allocationCreated }).config({
      name: "emit-allocation-created",
    })
    emitEventStep({ eventName: ResourceBookingEvents.ALLOCATION_NEEDS_REVIEW, data: events.needsReview }).config({
      name: "emit-allocation-needs-review",
    })

    return new WorkflowResponse(results)
  }
)

export default confirmOrderResourceHoldsWorkflow
