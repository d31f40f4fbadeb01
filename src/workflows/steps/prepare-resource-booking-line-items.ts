import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { ResourceHoldDTO } from "../../modules/resource_booking/types"

export type BookingLineItem = {
  variant_id: string
  quantity: number
  metadata: { resource_hold_id: string; resource_id: string; dates: string[] }
}

export const prepareResourceBookingLineItemsStepId = "prepare-resource-booking-line-items-step"

/**
 * The line item of a hold: quantity = hold quantity × number of dates (the
 * variant's price is per unit per day). A replayed token whose hold already
 * has its line item in the cart adds nothing; a replayed hold that is no
 * longer ACTIVE cannot be booked.
 */
export const prepareResourceBookingLineItemsStep = createStep(
  prepareResourceBookingLineItemsStepId,
  async ({
    hold,
    created,
    variant_id,
    cart_items,
  }: {
    hold: ResourceHoldDTO
    created: boolean
    variant_id: string
    cart_items: { id: string; metadata?: Record<string, unknown> | null }[]
  }) => {
    if (!created) {
      if (cart_items.some((item) => item?.metadata?.resource_hold_id === hold.id)) {
        return new StepResponse([] as BookingLineItem[])
      }
      if (hold.status !== "ACTIVE") {
        throw new MedusaError(
          MedusaError.Types.CONFLICT,
          `Resource hold ${hold.id} of this idempotency_token is ${hold.status} and cannot be added to the cart`
        )
      }
    }
    const dates = [...hold.dates].sort()
    return new StepResponse([
      {
        variant_id,
        quantity: hold.quantity * dates.length,
        metadata: { resource_hold_id: hold.id, resource_id: hold.resource_id, dates },
      },
    ] as BookingLineItem[])
  }
)
