import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { OCTO_MODULE } from "../../../modules/octo"
import type OctoModuleService from "../../../modules/octo/service"
import {
  bookingService,
  loadProducts,
  octoAvailability,
  octoOption,
  octoProduct,
  OctoOptionSource,
  OctoProductSource,
  optionDays,
  timezoneOf,
  UNIT_ID,
} from "./catalog"
import { dateOfAvailabilityId, utc } from "./dates"
import {
  badRequest,
  invalidAvailability,
  invalidBookingUuid,
  invalidOption,
  invalidProduct,
  invalidUnit,
  unprocessable,
} from "./errors"

export function octoService(scope: MedusaContainer): OctoModuleService {
  return scope.resolve(OCTO_MODULE)
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value)
}

const CONTACT_FIELDS = ["fullName", "firstName", "lastName", "emailAddress", "phoneNumber", "postalCode", "country", "notes"]

/** A contact as the request gave it, checked (BAD_REQUEST), or undefined when absent. */
export function parseContact(value: unknown, path = "contact"): Record<string, any> | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== "object" || Array.isArray(value)) throw badRequest(`${path} must be an object`)
  const contact: Record<string, any> = {}
  for (const field of CONTACT_FIELDS) {
    const v = (value as any)[field]
    if (v === undefined || v === null) continue
    if (typeof v !== "string" || v.length > 1000) throw badRequest(`${path}.${field} must be a string`)
    contact[field] = v
  }
  const locales = (value as any).locales
  if (locales !== undefined && locales !== null) {
    if (!Array.isArray(locales) || locales.some((l) => typeof l !== "string")) throw badRequest(`${path}.locales must be an array of strings`)
    contact.locales = locales
  }
  if (contact.emailAddress !== undefined && contact.emailAddress !== "" && !EMAIL.test(contact.emailAddress)) {
    throw badRequest(`${path}.emailAddress must be an email address`)
  }
  if (contact.emailAddress === "") delete contact.emailAddress
  return contact
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

export function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== "string" || value.length > 1000) throw badRequest(`${field} must be a string`)
  return value
}

export type BookableRequest = {
  product: OctoProductSource
  option: OctoOptionSource
  date: string
  availability_id: string
  quantity: number
  unit_items: { uuid: string; unitId: string; resellerReference: string | null; contact?: Record<string, any> }[]
}

/**
 * Checks what a reservation (or an update) books, in OCTo's order: product,
 * option, availability, unit items; the date must be open for the quantity.
 */
export async function resolveBookable(
  scope: MedusaContainer,
  salesChannelId: string,
  body: { productId?: unknown; optionId?: unknown; availabilityId?: unknown; unitItems?: unknown }
): Promise<BookableRequest> {
  if (body.productId === undefined || body.productId === null || body.productId === "") throw invalidProduct(body.productId)
  if (typeof body.productId !== "string") throw badRequest("productId must be a string")
  const [product] = await loadProducts(scope, salesChannelId, body.productId)
  if (!product) throw invalidProduct(body.productId)
  const option = product.options.find((o) => o.id === body.optionId)
  if (!option) throw invalidOption(body.optionId)
  const timeZone = timezoneOf(scope)
  const date = dateOfAvailabilityId(body.availabilityId, timeZone)
  if (!date) throw invalidAvailability(body.availabilityId)
  if (body.unitItems === undefined || body.unitItems === null) throw unprocessable("unitItems is required")
  if (!Array.isArray(body.unitItems)) throw badRequest("unitItems must be an array")
  if (!body.unitItems.length) throw unprocessable("unitItems must name at least one unit")
  if (body.unitItems.length > 1000) throw unprocessable("unitItems names too many units")
  const unitItems = body.unitItems.map((item: any, index: number) => {
    if (!item || typeof item !== "object") throw badRequest(`unitItems[${index}] must be an object`)
    if (item.unitId !== UNIT_ID) throw invalidUnit(item.unitId)
    return {
      uuid: isUuid(item.uuid) ? item.uuid : crypto.randomUUID(),
      unitId: UNIT_ID,
      resellerReference: optionalString(item.resellerReference, `unitItems[${index}].resellerReference`) ?? null,
      ...(item.contact ? { contact: parseContact(item.contact, `unitItems[${index}].contact`) } : {}),
    }
  })
  const [day] = await optionDays(scope, option, date, date, unitItems.length)
  if (!day || day.status === "CLOSED") throw invalidAvailability(body.availabilityId)
  if (!day.available) {
    throw unprocessable(`${day.status === "SOLD_OUT" ? "Sold out" : "Not enough places"} on ${date}: ${day.vacancies} left`)
  }
  return {
    product,
    option,
    date,
    availability_id: localAvailabilityId(date, timeZone),
    quantity: unitItems.length,
    unit_items: unitItems,
  }
}

function localAvailabilityId(date: string, timeZone: string): string {
  return octoAvailability({ date, status: "CLOSED", available: false, vacancies: 0, capacity: 0, cutoff: new Date() }, timeZone).id
}

/** The ledger request of a bookable: q × units of each linked resource on the date. */
export function holdRequest(bookable: BookableRequest, token: string, email: string, ttlMinutes?: number, metadata?: Record<string, unknown>) {
  return {
    items: bookable.option.resources.map((r) => ({ resource_id: r.resource_id, quantity: bookable.quantity * r.units })),
    dates: [bookable.date],
    customer_email: email,
    idempotency_token: token,
    ...(ttlMinutes !== undefined ? { ttl_minutes: ttlMinutes } : {}),
    ...(metadata ? { metadata } : {}),
  }
}

/** The e-mail a reservation's holds carry: the contact's, or one that names the booking. */
export function holdEmail(uuid: string): string {
  return `octo+${uuid}@resellers.invalid`
}

export function holdToken(uuid: string, revision = 0): string {
  return revision ? `octo:${uuid}:${revision}` : `octo:${uuid}`
}

/** A booking of the key's sales channel by uuid, or INVALID_BOOKING_UUID. */
export async function findBooking(scope: MedusaContainer, salesChannelId: string, uuid: unknown): Promise<any> {
  if (typeof uuid !== "string" || !uuid.length || uuid.length > 100) throw invalidBookingUuid(uuid)
  const [booking] = await octoService(scope).listOctoBookings({ uuid, sales_channel_id: salesChannelId } as any, { take: 1 })
  if (!booking) throw invalidBookingUuid(uuid)
  return booking
}

export type LiveState = {
  status: "ON_HOLD" | "CONFIRMED" | "CANCELLED" | "EXPIRED"
  expires_at: Date | null
  holds: any[]
}

/** An ON_HOLD record's state as its holds say: EXPIRED once they lapsed, CANCELLED once released. */
export async function liveState(scope: MedusaContainer, booking: any): Promise<LiveState> {
  if (booking.status === "CONFIRMED" && booking.order_id) {
    // An admin may cancel the reseller's order in Medusa admin: the booking is then cancelled too.
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

/** The OCTo booking object of a record. */
export async function octoBooking(scope: MedusaContainer, booking: any, state?: LiveState) {
  const live = state ?? (await liveState(scope, booking))
  const timeZone = timezoneOf(scope)
  const [product] = await loadProducts(scope, booking.sales_channel_id, booking.product_id)
  const optionIndex = product ? product.options.findIndex((o) => o.id === booking.option_id) : -1
  const option = optionIndex >= 0 ? product!.options[optionIndex] : undefined
  const day = option
    ? (await optionDays(scope, option, booking.local_date, booking.local_date))[0]
    : { date: booking.local_date, status: "CLOSED" as const, available: false, vacancies: 0, capacity: 0, cutoff: new Date() }
  const availability = octoAvailability(day, timeZone)
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
