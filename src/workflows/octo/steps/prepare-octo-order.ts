import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { holdEmail } from "../../../lib/octo/bookable"
import { bookingService } from "../../../lib/octo/context"
import { unprocessable } from "../../../lib/octo/errors"
import { octoPricingTarget } from "../../../lib/octo/pricing"
import { bookingLineMetadata } from "../../utils/booking-line-items"
import { bookingPriceKeysOfHold, bookingUnitTotal, loadVariantPricing } from "../../utils/booking-prices"

export const prepareOctoOrderStepId = "prepare-octo-order-step"

export type PrepareOctoOrderInput = {
  /** The booking as it will be confirmed (record fields, after a change of units if any). */
  booking: any
  hold_ids: string[]
  sales_channel_id: string
  reseller_key_id: string
}

/**
 * The input of Medusa's createOrderWorkflow for a confirmed OCTo booking: the
 * reseller's sales channel, one line item of the booked variant (quantity q,
 * priced as the storefront prices it, in the store's default region's currency) naming its
 * holds and their dates or departure, and `metadata.octo` (uuid, references, key, contact). Reads only.
 */
export const prepareOctoOrderStep = createStep(prepareOctoOrderStepId, async (input: PrepareOctoOrderInput, { container }) => {
  const { booking } = input
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id", "title", "product.title"],
    filters: { id: booking.option_id },
  })
  const variant = variants[0] as any
  if (!variant) throw unprocessable("The booked option no longer exists")
  const holds = (await bookingService(container).listHoldGroups(input.hold_ids)).filter((h: any) => input.hold_ids.includes(h.id))
  if (!holds.length) throw unprocessable("The reservation's holds are gone")
  // The line's price is the storefront's: Σ over the hold's dates / departure of the matching rate (or base price),
  // in the currency of the region the order is recorded in (the amount the OCTo answers showed).
  const target = await octoPricingTarget(container)
  const variantPricing = await loadVariantPricing(container, booking.option_id, target)
  if (!variantPricing) throw unprocessable(`The booked option has no price in ${target.currency_code}`)
  let unitPrice: number
  try {
    unitPrice = bookingUnitTotal(variantPricing, bookingPriceKeysOfHold(holds[0] as any)).toNumber()
  } catch (error: any) {
    throw unprocessable(error?.message ?? `The booked option has no price in ${target.currency_code}`)
  }
  const pricing = { region_id: target.region_id, currency_code: target.currency_code, unit_price: unitPrice }
  const contact = booking.contact ?? {}
  return new StepResponse({
    region_id: pricing.region_id,
    sales_channel_id: input.sales_channel_id,
    email: contact.emailAddress ?? holdEmail(booking.uuid),
    currency_code: pricing.currency_code,
    status: "pending",
    items: [
      {
        variant_id: booking.option_id,
        title: `${variant.product?.title ?? "Booking"} — ${variant.title ?? ""}`.trim(),
        quantity: booking.quantity,
        unit_price: pricing.unit_price,
        // The booking line's metadata as every booking line has it (holds, resources, dates or departures).
        metadata: { octo_booking_uuid: booking.uuid, ...bookingLineMetadata(holds) },
      },
    ],
    metadata: {
      reseller_booking: true,
      octo: {
        uuid: booking.uuid,
        reseller_id: booking.reseller_id,
        reseller_key_id: input.reseller_key_id,
        reseller_reference: booking.reseller_reference ?? null,
        supplier_reference: booking.supplier_reference,
        contact,
      },
    },
  })
})
