import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ResourceHoldDTO } from "../../modules/resource_booking/types"
import { bookedKeyCount, bookingLineMetadata, BookingLineMetadata, cartHasBookingLine } from "../utils/booking-line-items"

export type BookingLineItem = { variant_id: string; quantity: number; metadata: BookingLineMetadata }

export const prepareResourceBookingLineItemsStepId = "prepare-resource-booking-line-items-step"

/**
 * The line item of a booking: quantity = booking quantity × number of dates
 * or departures (the variant's price is per unit per day or per departure), metadata naming every hold. A
 * replayed booking whose line item is already in the cart adds nothing; a
 * replayed group that is no longer ACTIVE cannot be booked.
 */
export const prepareResourceBookingLineItemsStep = createStep(
  prepareResourceBookingLineItemsStepId,
  async (input: {
    holds: ResourceHoldDTO[]
    created: boolean
    quantity: number
    variant_id: string
    cart_items: { id: string; metadata?: Record<string, unknown> | null }[]
  }) => {
    const holdIds = input.holds.map((hold) => hold.id)
    if (cartHasBookingLine(input.cart_items, holdIds)) return new StepResponse([] as BookingLineItem[])
    const ended = input.holds.find((hold) => hold.status !== "ACTIVE")
    if (ended) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `Resource hold ${ended.id} of this booking is ${ended.status} and cannot be added to the cart`
      )
    }
    const metadata = bookingLineMetadata(input.holds)
    return new StepResponse([
      { variant_id: input.variant_id, quantity: input.quantity * bookedKeyCount(input.holds[0]), metadata },
    ] as BookingLineItem[])
  }
)
