import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import type { OctoLiveStatus } from "../../modules/octo/state"
import { closedSlot, kindOf } from "./availability"
import { loadProducts, octoOption, octoProduct, UNIT_ID } from "./catalog"
import { bookingService, timezoneOf } from "./context"
import { todayIn } from "../../modules/resource_booking/utils/dates"
import { utc } from "./dates"
import { bookingUnitPrice, loadOptionPricing, octoPricingOf, OctoPricing, wantsPricing } from "./pricing"

export type LiveState = {
  status: OctoLiveStatus
  expires_at: Date | null
  holds: any[]
}

/**
 * A booking record's state as OCTo tells it: an ON_HOLD record is EXPIRED
 * once its holds lapsed (as the ledger counts them, before the sweep) and
 * CANCELLED once they were released; a CONFIRMED one is CANCELLED once its
 * order was canceled in Medusa admin.
 */
export async function liveState(scope: MedusaContainer, booking: any): Promise<LiveState> {
  if (booking.status === "CONFIRMED" && booking.order_id) {
    const query = scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "order", fields: ["id", "status"], filters: { id: booking.order_id } })
    const order = data[0] as any
    if (!order || order.status === "canceled") return { status: "CANCELLED", expires_at: null, holds: [] }
  }
  if (booking.status !== "ON_HOLD") return { status: booking.status, expires_at: null, holds: [] }
  const holdIds: string[] = booking.hold_ids ?? []
  const holds = holdIds.length ? await bookingService(scope).listHoldGroups(holdIds) : []
  const mine = holds.filter((h: any) => holdIds.includes(h.id))
  const expiresAt = mine.length ? new Date(Math.min(...mine.map((h: any) => new Date(h.expires_at).getTime()))) : null
  const now = Date.now()
  if (!mine.length || mine.some((h: any) => h.status === "EXPIRED" || (h.status === "ACTIVE" && new Date(h.expires_at).getTime() <= now))) {
    return { status: "EXPIRED", expires_at: expiresAt, holds: mine }
  }
  if (mine.some((h: any) => h.status === "RELEASED")) return { status: "CANCELLED", expires_at: expiresAt, holds: mine }
  return { status: "ON_HOLD", expires_at: expiresAt, holds: mine }
}

export function octoContact(contact: Record<string, any> | null | undefined) {
  const c = contact ?? {}
  const fullName = c.fullName ?? ([c.firstName, c.lastName].filter(Boolean).join(" ") || null)
  return {
    fullName,
    firstName: c.firstName ?? null,
    lastName: c.lastName ?? null,
    emailAddress: c.emailAddress ?? null,
    phoneNumber: c.phoneNumber ?? null,
    locales: Array.isArray(c.locales) ? c.locales : [],
    postalCode: c.postalCode ?? null,
    country: c.country ?? null,
    notes: c.notes ?? null,
  }
}

/**
 * octo/pricing of a booking: one unit and all its units. A confirmed booking
 * answers what its order's line charged; an open one what its date or
 * departure costs now (the amount its confirmation will charge).
 */
async function bookingPricing(
  scope: MedusaContainer,
  booking: any,
  pricing: OctoPricing,
  key: { date: string; start_time?: string | null }
): Promise<{ unit: number; total: number; currency: string } | null> {
  const quantity = booking.quantity ?? (booking.unit_items ?? []).length
  if (booking.order_id) {
    const query = scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "currency_code", "items.unit_price"],
      filters: { id: booking.order_id },
    })
    const line = (data[0] as any)?.items?.[0]
    if (line) {
      const unit = MathBN.convert(line.unit_price).toNumber()
      // Its one line was made with the booking's quantity (prepare-octo-order).
      return { unit, total: MathBN.mult(line.unit_price, quantity).toNumber(), currency: String(data[0].currency_code) }
    }
  }
  const unit = bookingUnitPrice(pricing, booking.option_id, [key])
  if (unit === null) return null
  return { unit, total: MathBN.mult(unit, quantity).toNumber(), currency: pricing.target.currency_code }
}

/** The OCTo Booking object of a record (with OCTo pricing when the request's headers ask for octo/pricing). */
export async function octoBooking(scope: MedusaContainer, booking: any, headers?: Record<string, unknown>, state?: LiveState) {
  const live = state ?? (await liveState(scope, booking))
  const timeZone = timezoneOf(scope)
  const [product] = await loadProducts(scope, booking.sales_channel_id, booking.product_id)
  const optionIndex = product ? product.options.findIndex((o) => o.id === booking.option_id) : -1
  const option = optionIndex >= 0 ? product!.options[optionIndex] : undefined
  const kind = kindOf(option)
  const slots = option ? await kind.slots(scope, option, booking.local_date, booking.local_date) : []
  const slot =
    slots.find((s) => kind.idOf(s, timeZone) === booking.availability_id) ??
    closedSlot(kind.slotOfId(booking.availability_id, timeZone) ?? { date: booking.local_date })
  const availability = kind.availability(slot, timeZone)
  const status = live.status
  const contact = octoContact(booking.contact)
  const pricing = wantsPricing(headers) ? await loadOptionPricing(scope, product ? product.options.map((o) => o.id) : [booking.option_id]) : null
  const priced = pricing ? { pricing, today: todayIn(timeZone) } : undefined
  const amounts = pricing ? await bookingPricing(scope, booking, pricing, { date: slot.date, start_time: slot.start_time ?? null }) : null
  const unit = product && option ? octoOption(option, optionIndex, priced).units[0] : undefined
  const ended = status === "CANCELLED" || status === "EXPIRED"
  return {
    id: booking.id,
    uuid: booking.uuid,
    testMode: false,
    resellerReference: booking.reseller_reference ?? null,
    supplierReference: booking.supplier_reference ?? null,
    status,
    utcCreatedAt: utc(booking.created_at)!,
    utcUpdatedAt: utc(booking.updated_at)!,
    utcExpiresAt: status === "ON_HOLD" || status === "EXPIRED" ? utc(live.expires_at ?? booking.updated_at) : null,
    utcRedeemedAt: null,
    utcConfirmedAt: utc(booking.confirmed_at),
    productId: booking.product_id,
    ...(product ? { product: octoProduct(product, timeZone, priced) } : {}),
    optionId: booking.option_id,
    ...(option ? { option: octoOption(option, optionIndex, priced) } : {}),
    cancellable: status === "ON_HOLD" || status === "CONFIRMED",
    cancellation: ended
      ? {
          refund: status === "CANCELLED" && booking.confirmed_at ? ("FULL" as const) : ("NONE" as const),
          reason: booking.cancellation_reason ?? (status === "EXPIRED" ? "The reservation expired" : null),
          utcCancelledAt: utc(booking.cancelled_at ?? live.expires_at ?? booking.updated_at)!,
        }
      : null,
    freesale: false,
    availabilityId: availability.id,
    availability,
    contact,
    notes: booking.notes ?? null,
    deliveryMethods: ["VOUCHER" as const],
    voucher: {
      redemptionMethod: "DIGITAL" as const,
      utcRedeemedAt: null,
      deliveryOptions:
        status === "CONFIRMED" ? [{ deliveryFormat: "QRCODE" as const, deliveryValue: booking.supplier_reference }] : [],
    },
    unitItems: (booking.unit_items ?? []).map((item: any, index: number) => ({
      uuid: item.uuid,
      resellerReference: item.resellerReference ?? null,
      supplierReference: `${booking.supplier_reference}-${index + 1}`,
      unitId: item.unitId ?? UNIT_ID,
      ...(unit ? { unit } : {}),
      status,
      utcRedeemedAt: null,
      contact: octoContact(item.contact ?? booking.contact),
      ticket: null,
      ...(amounts ? { pricing: octoPricingOf(amounts.unit, amounts.currency) } : {}),
    })),
    ...(amounts ? { pricing: octoPricingOf(amounts.total, amounts.currency) } : {}),
  }
}
