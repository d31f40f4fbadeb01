import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { OctoLiveStatus } from "../../modules/octo/state"
import { closedSlot, kindOf } from "./availability"
import { loadProducts, octoOption, octoProduct, UNIT_ID } from "./catalog"
import { bookingService, timezoneOf } from "./context"
import { utc } from "./dates"

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

/** The OCTo Booking object of a record. */
export async function octoBooking(scope: MedusaContainer, booking: any, state?: LiveState) {
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
  const unit = product && option ? octoOption(option, optionIndex).units[0] : undefined
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
    ...(product ? { product: octoProduct(product, timeZone) } : {}),
    optionId: booking.option_id,
    ...(option ? { option: octoOption(option, optionIndex) } : {}),
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
    })),
  }
}
