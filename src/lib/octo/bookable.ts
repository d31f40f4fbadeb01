import type { MedusaContainer } from "@medusajs/framework/types"
import { kindOf, SlotKey } from "./availability"
import { loadProducts, OctoOptionSource, OctoProductSource, UNIT_ID } from "./catalog"
import { timezoneOf } from "./context"
import { badRequest, invalidAvailability, invalidOption, invalidProduct, invalidUnit, unprocessable } from "./errors"
import { isUuid, optionalString, parseContact } from "./input"

export type OctoUnitItem = { uuid: string; unitId: string; resellerReference: string | null; contact?: Record<string, any> }

/** What a reservation (or a change of one) books, checked: product, option, slot, unit items. */
export type BookableRequest = {
  product: OctoProductSource
  option: OctoOptionSource
  /** The availability booked (its date, and start time for a time-of-day kind). */
  slot: SlotKey
  date: string
  availability_id: string
  quantity: number
  unit_items: OctoUnitItem[]
}

/** The raw parts of a request that name what is booked (checked by resolveBookable). */
export type BookableInput = { productId?: unknown; optionId?: unknown; availabilityId?: unknown; unitItems?: unknown }

/**
 * Checks what a reservation (or an update) books, in OCTo's order: product,
 * option, availability, unit items; the slot must be open for the quantity.
 */
export async function resolveBookable(scope: MedusaContainer, salesChannelId: string, body: BookableInput): Promise<BookableRequest> {
  if (body.productId === undefined || body.productId === null || body.productId === "") throw invalidProduct(body.productId)
  if (typeof body.productId !== "string") throw badRequest("productId must be a string")
  const [product] = await loadProducts(scope, salesChannelId, body.productId)
  if (!product) throw invalidProduct(body.productId)
  const option = product.options.find((o) => o.id === body.optionId)
  if (!option) throw invalidOption(body.optionId)
  const kind = kindOf(option)
  const timeZone = timezoneOf(scope)
  const key = kind.slotOfId(body.availabilityId, timeZone)
  if (!key) throw invalidAvailability(body.availabilityId)
  const date = key.date
  if (body.unitItems === undefined || body.unitItems === null) throw unprocessable("unitItems is required")
  if (!Array.isArray(body.unitItems)) throw badRequest("unitItems must be an array")
  if (!body.unitItems.length) throw unprocessable("unitItems must name at least one unit")
  if (body.unitItems.length > 1000) throw unprocessable("unitItems names too many units")
  const unitItems = body.unitItems.map((item: any, index: number): OctoUnitItem => {
    if (!item || typeof item !== "object") throw badRequest(`unitItems[${index}] must be an object`)
    if (item.unitId !== UNIT_ID) throw invalidUnit(item.unitId)
    return {
      uuid: isUuid(item.uuid) ? item.uuid : crypto.randomUUID(),
      unitId: UNIT_ID,
      resellerReference: optionalString(item.resellerReference, `unitItems[${index}].resellerReference`) ?? null,
      ...(item.contact ? { contact: parseContact(item.contact, `unitItems[${index}].contact`) } : {}),
    }
  })
  const slots = await kind.slots(scope, option, date, date, unitItems.length)
  const slot = slots.find((s) => kind.idOf(s, timeZone) === kind.idOf(key, timeZone))
  if (!slot || slot.status === "CLOSED") throw invalidAvailability(body.availabilityId)
  if (!slot.available) {
    throw unprocessable(`${slot.status === "SOLD_OUT" ? "Sold out" : "Not enough places"} on ${date}: ${slot.vacancies} left`)
  }
  return {
    product,
    option,
    slot: key,
    date,
    availability_id: kind.idOf(slot, timeZone),
    quantity: unitItems.length,
    unit_items: unitItems,
  }
}

/**
 * What a reservation books after a change (PATCH, or a confirmation with
 * another number of units): the fields given, the rest as booked; a new
 * product without an option names none (INVALID_OPTION_ID).
 */
export function changedBookable(booking: any, change: BookableInput): BookableInput {
  const productChanged = change.productId !== undefined && change.productId !== null && change.productId !== booking.product_id
  return {
    productId: change.productId ?? booking.product_id,
    optionId: change.optionId ?? (productChanged ? undefined : booking.option_id),
    availabilityId: change.availabilityId ?? booking.availability_id,
    unitItems: change.unitItems ?? booking.unit_items,
  }
}

/**
 * How a confirmation's unitItems apply to a reservation: the same number of
 * `unit` items add their resellerReference and contact to the booked ones;
 * another number (or other units) changes what is booked first (a rebook).
 * The items come checked by the route (objects; references strings; contacts parsed).
 */
export function confirmationUnits(
  booking: any,
  unitItems: { unitId?: unknown; resellerReference?: string | null; contact?: Record<string, any> }[] | null | undefined
): { unit_items?: OctoUnitItem[]; rebook?: BookableInput } {
  if (!unitItems?.length) return {}
  const same = unitItems.length === booking.unit_items.length && unitItems.every((item) => item?.unitId === UNIT_ID)
  if (!same) return { rebook: { unitItems } }
  return {
    unit_items: booking.unit_items.map((item: OctoUnitItem, index: number) => ({
      ...item,
      resellerReference: unitItems[index]?.resellerReference ?? item.resellerReference ?? null,
      ...(unitItems[index]?.contact ? { contact: unitItems[index].contact } : {}),
    })),
  }
}

/** The booking record's fields for what it books. */
export function recordOf(bookable: BookableRequest) {
  return {
    product_id: bookable.product.id,
    option_id: bookable.option.id,
    unit_id: UNIT_ID,
    availability_id: bookable.availability_id,
    local_date: bookable.date,
    quantity: bookable.quantity,
    unit_items: bookable.unit_items,
  }
}

/** The e-mail a reservation's holds carry: one that names the booking. */
export function holdEmail(uuid: string): string {
  return `octo+${uuid}@resellers.invalid`
}

/** The hold group's idempotency token: the reseller's uuid, and the revision after each change of what is booked. */
export function holdToken(uuid: string, revision = 0): string {
  return revision ? `octo:${uuid}:${revision}` : `octo:${uuid}`
}

/**
 * The ledger request of a bookable (the option's kind says what a slot takes),
 * with its token, made in the `octo` channel and counted against the reseller
 * key's hoarding limit (`octo:<key id>`, maxActiveHoldsPerResellerKey).
 */
export function holdRequest(bookable: BookableRequest, uuid: string, revision: number, resellerKeyId: string, ttlMinutes?: number) {
  return {
    ...kindOf(bookable.option).holdRequest(bookable.option, bookable.slot, bookable.quantity),
    customer_email: holdEmail(uuid),
    idempotency_token: holdToken(uuid, revision),
    channel: "octo" as const,
    client_keys: [`octo:${resellerKeyId}`],
    ...(ttlMinutes !== undefined ? { ttl_minutes: ttlMinutes } : {}),
    metadata: { octo_booking_uuid: uuid },
  }
}
