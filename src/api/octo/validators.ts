/**
 * The OCTo routes' request checks: shapes only (BAD_REQUEST naming the
 * field). What must be looked up (product, option, availability, units,
 * the booking) is checked by the mapping (src/lib/octo) and the workflows.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import type { BookableInput } from "../../lib/octo/bookable"
import { bookingService } from "../../lib/octo/context"
import { badRequest, invalidBookingUuid } from "../../lib/octo/errors"
import { isUuid, optionalString, parseContact } from "../../lib/octo/input"

function objectBody(body: unknown): Record<string, any> {
  if (body === undefined || body === null) return {}
  if (typeof body !== "object" || Array.isArray(body)) throw badRequest("The body must be a JSON object")
  return body as Record<string, any>
}

/** expirationMinutes: an integer from 1 to maxHoldLifetimeMinutes, or undefined. */
function expirationOf(scope: MedusaContainer, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined
  const max = bookingService(scope).getOptions().maxHoldLifetimeMinutes ?? 120
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > max) {
    throw badRequest(`expirationMinutes must be an integer from 1 to ${max}`)
  }
  return value as number
}

/** The fields any change of a booking may set besides what is booked: resellerReference, notes, contact. */
function plainChanges(body: Record<string, any>) {
  const changes: Record<string, any> = {}
  const resellerReference = optionalString(body.resellerReference, "resellerReference")
  if (resellerReference !== undefined) changes.reseller_reference = resellerReference
  const notes = optionalString(body.notes, "notes")
  if (notes !== undefined) changes.notes = notes
  const contact = parseContact(body.contact)
  if (contact !== undefined) changes.contact = contact
  return changes
}

/** The `:uuid` of a booking route (any string a reseller may have used; anything else names no booking). */
export function bookingUuidParam(uuid: unknown): string {
  if (typeof uuid !== "string" || !uuid.length || uuid.length > 100) throw invalidBookingUuid(uuid)
  return uuid
}

/** POST /octo/bookings. */
export function parseReserveBody(scope: MedusaContainer, raw: unknown) {
  const body = objectBody(raw)
  if (body.uuid !== undefined && body.uuid !== null && !isUuid(body.uuid)) throw badRequest("uuid must be a UUID")
  const ttl = expirationOf(scope, body.expirationMinutes)
  const resellerReference = optionalString(body.resellerReference, "resellerReference")
  const notes = optionalString(body.notes, "notes")
  const contact = parseContact(body.contact)
  const request: BookableInput = {
    productId: body.productId,
    optionId: body.optionId,
    availabilityId: body.availabilityId,
    unitItems: body.unitItems,
  }
  return {
    uuid: (body.uuid as string | undefined) ?? crypto.randomUUID(),
    ttl_minutes: ttl ?? null,
    reseller_reference: resellerReference ?? null,
    notes: notes ?? null,
    contact: contact ?? null,
    request,
  }
}

const BOOKED_FIELDS = ["productId", "optionId", "availabilityId", "unitItems"] as const

/** PATCH /octo/bookings/:uuid. */
export function parseUpdateBody(scope: MedusaContainer, raw: unknown) {
  const body = objectBody(raw)
  const ttl = expirationOf(scope, body.expirationMinutes)
  const changes = plainChanges(body)
  const changesWhatIsBooked = BOOKED_FIELDS.some((key) => body[key] !== undefined && body[key] !== null)
  const change: BookableInput | null = changesWhatIsBooked
    ? { productId: body.productId ?? undefined, optionId: body.optionId ?? undefined, availabilityId: body.availabilityId ?? undefined, unitItems: body.unitItems ?? undefined }
    : null
  return { changes, change, ttl_minutes: ttl ?? null }
}

/** POST /octo/bookings/:uuid/confirm. */
export function parseConfirmBody(raw: unknown) {
  const body = objectBody(raw)
  const changes = plainChanges(body)
  if (body.unitItems !== undefined && body.unitItems !== null && !Array.isArray(body.unitItems)) {
    throw badRequest("unitItems must be an array")
  }
  const unitItems = Array.isArray(body.unitItems)
    ? body.unitItems.map((item: any, index: number) => {
        if (!item || typeof item !== "object" || Array.isArray(item)) throw badRequest(`unitItems[${index}] must be an object`)
        return {
          uuid: item.uuid,
          unitId: item.unitId,
          resellerReference: optionalString(item.resellerReference, `unitItems[${index}].resellerReference`) ?? null,
          ...(item.contact !== undefined && item.contact !== null ? { contact: parseContact(item.contact, `unitItems[${index}].contact`) } : {}),
        }
      })
    : null
  return { changes, unit_items: unitItems }
}

/** POST /octo/bookings/:uuid/cancel. */
export function parseCancelBody(raw: unknown) {
  const body = objectBody(raw)
  return { reason: optionalString(body.reason, "reason") ?? null }
}

/** POST /octo/bookings/:uuid/extend: expirationMinutes, default holdTtlMinutes. */
export function parseExtendBody(scope: MedusaContainer, raw: unknown) {
  const body = objectBody(raw)
  return { minutes: expirationOf(scope, body.expirationMinutes) ?? bookingService(scope).getOptions().holdTtlMinutes }
}
