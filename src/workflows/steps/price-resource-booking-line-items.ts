import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ResourceHoldDTO } from "../../modules/resource_booking/types"
import { bookingLineUnitPrice, bookingPriceKeysOfHold, loadVariantPricing } from "../utils/booking-prices"
import { BookingLineItem } from "./prepare-resource-booking-line-items"

export const priceResourceBookingLineItemsStepId = "price-resource-booking-line-items-step"

/**
 * The server's price of a booking line (docs/PRICING.md): the sum over its
 * dates (departures, appointment) of the price matching each, in the cart's
 * currency and region, set as the line's custom unit price (line quantity is
 * q × keys, so unit price = Σ / keys and subtotal = Σ × q). Nothing of the
 * client's request takes part. A read: nothing to compensate.
 */
export const priceResourceBookingLineItemsStep = createStep(
  priceResourceBookingLineItemsStepId,
  async (
    input: { items: BookingLineItem[]; holds: ResourceHoldDTO[]; cart: { currency_code: string; region_id?: string | null } },
    { container }
  ) => {
    if (!input.items.length) return new StepResponse([] as (BookingLineItem & { unit_price: number })[])
    const target = { currency_code: String(input.cart.currency_code).toLowerCase(), region_id: input.cart.region_id ?? null }
    const keys = bookingPriceKeysOfHold(input.holds[0])
    const priced: (BookingLineItem & { unit_price: number })[] = []
    for (const item of input.items) {
      const pricing = await loadVariantPricing(container, item.variant_id, target)
      if (!pricing) {
        // No price set: Medusa's add-to-cart refuses the variant as it always did.
        priced.push(item as any)
        continue
      }
      priced.push({ ...item, unit_price: bookingLineUnitPrice(pricing, keys) })
    }
    return new StepResponse(priced)
  }
)
