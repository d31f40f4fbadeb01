import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { holdEmail } from "../../../lib/octo/bookable"
import { bookingService } from "../../../lib/octo/context"
import { unprocessable } from "../../../lib/octo/errors"
import { bookingLineMetadata } from "../../utils/booking-line-items"

export const prepareOctoOrderStepId = "prepare-octo-order-step"

export type PrepareOctoOrderInput = {
  /** The booking as it will be confirmed (record fields, after a change of units if any). */
  booking: any
  hold_ids: string[]
  sales_channel_id: string
  reseller_key_id: string
}

/** Region and price of the order line: the store's default region (or the oldest), the variant's price in its currency. */
async function orderPricing(scope: MedusaContainer, prices: { amount: number; currency_code: string }[]) {
  const storeModule = scope.resolve(Modules.STORE)
  const regionModule = scope.resolve(Modules.REGION)
  const [store] = await storeModule.listStores({}, { take: 1 })
  let region: any = null
  if ((store as any)?.default_region_id) {
    ;[region] = await regionModule.listRegions({ id: (store as any).default_region_id }, { take: 1 })
  }
  if (!region) [region] = await regionModule.listRegions({}, { take: 1, order: { created_at: "ASC" } })
  if (!region) throw unprocessable("The shop has no region to record the order in")
  const price = prices.find((p) => p.currency_code === region.currency_code) ?? prices[0]
  return {
    region_id: region.id,
    currency_code: price?.currency_code ?? region.currency_code,
    unit_price: price ? price.amount : 0,
  }
}

/**
 * The input of Medusa's createOrderWorkflow for a confirmed OCTo booking: the
 * reseller's sales channel, one line item of the booked variant (quantity q,
 * the variant's price in the store's default region's currency) naming its
 * holds and their dates or departure, and `metadata.octo` (uuid, references, key, contact). Reads only.
 */
export const prepareOctoOrderStep = createStep(prepareOctoOrderStepId, async (input: PrepareOctoOrderInput, { container }) => {
  const { booking } = input
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id", "title", "product.title", "prices.amount", "prices.currency_code"],
    filters: { id: booking.option_id },
  })
  const variant = variants[0] as any
  if (!variant) throw unprocessable("The booked option no longer exists")
  const pricing = await orderPricing(container, variant.prices ?? [])
  const holds = (await bookingService(container).listHoldGroups(input.hold_ids)).filter((h: any) => input.hold_ids.includes(h.id))
  if (!holds.length) throw unprocessable("The reservation's holds are gone")
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
