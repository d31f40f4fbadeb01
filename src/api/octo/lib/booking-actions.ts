import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { cancelOctoBookingWorkflow } from "../../../workflows/octo/cancel-octo-booking"
import { confirmOctoBookingWorkflow } from "../../../workflows/octo/confirm-octo-booking"
import { extendOctoBookingWorkflow } from "../../../workflows/octo/extend-octo-booking"
import { reserveOctoBookingWorkflow } from "../../../workflows/octo/reserve-octo-booking"
import { updateOctoBookingWorkflow } from "../../../workflows/octo/update-octo-booking"
import { OctoAuth } from "./auth"
import {
  BookableRequest,
  findBooking,
  holdEmail,
  holdRequest,
  holdToken,
  isUuid,
  liveState,
  octoService,
  optionalString,
  parseContact,
  resolveBookable,
} from "./bookings"
import { bookingService } from "./catalog"
import { badRequest, invalidBookingUuid, unprocessable } from "./errors"

/**
 * What the OCTo booking routes do, each under a lock on the booking's uuid so
 * that a reseller's retries and parallel calls on one booking run one at a
 * time (across processes when the locking module is Redis). The ledger and
 * the unique uuid decide anyway; the lock keeps an order from being made twice.
 */
export async function withBookingLock<T>(scope: MedusaContainer, uuid: string, job: () => Promise<T>): Promise<T> {
  const locking = scope.resolve(Modules.LOCKING)
  return await locking.execute(`octo-booking:${uuid}`, job, { timeout: 30 })
}

function checkObject(body: unknown): Record<string, any> {
  if (body === undefined || body === null) return {}
  if (typeof body !== "object" || Array.isArray(body)) throw badRequest("The body must be a JSON object")
  return body as Record<string, any>
}

function expirationOf(scope: MedusaContainer, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined
  const max = bookingService(scope).getOptions().maxHoldLifetimeMinutes ?? 120
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > max) {
    throw badRequest(`expirationMinutes must be an integer from 1 to ${max}`)
  }
  return value as number
}

function recordOf(bookable: BookableRequest) {
  return {
    product_id: bookable.product.id,
    option_id: bookable.option.id,
    unit_id: "unit",
    availability_id: bookable.availability_id,
    local_date: bookable.date,
    quantity: bookable.quantity,
    unit_items: bookable.unit_items,
  }
}

/** POST /octo/bookings. The same uuid again answers the booking it made. */
export async function reserve(scope: MedusaContainer, auth: OctoAuth, rawBody: unknown): Promise<{ booking: any; created: boolean }> {
  const body = checkObject(rawBody)
  if (body.uuid !== undefined && body.uuid !== null && !isUuid(body.uuid)) throw badRequest("uuid must be a UUID")
  const uuid: string = body.uuid ?? crypto.randomUUID()
  const ttl = expirationOf(scope, body.expirationMinutes)
  const resellerReference = optionalString(body.resellerReference, "resellerReference")
  const notes = optionalString(body.notes, "notes")
  const contact = parseContact(body.contact)
  return await withBookingLock(scope, uuid, async () => {
    const [existing] = await octoService(scope).listOctoBookings({ uuid } as any, { take: 1 })
    if (existing) {
      if (existing.sales_channel_id !== auth.sales_channel_id) throw invalidBookingUuid(uuid)
      return { booking: existing, created: false }
    }
    const bookable = await resolveBookable(scope, auth.sales_channel_id, body)
    const { result } = await reserveOctoBookingWorkflow(scope).run({
      input: {
        holds: holdRequest(bookable, holdToken(uuid), holdEmail(uuid), ttl, { octo_booking_uuid: uuid }),
        record: {
          uuid,
          sales_channel_id: auth.sales_channel_id,
          reseller_key_id: auth.key_id,
          status: "ON_HOLD",
          ...recordOf(bookable),
          hold_revision: 0,
          reseller_reference: resellerReference ?? null,
          contact: contact ?? null,
          notes: notes ?? null,
        },
      },
    })
    return result
  })
}

/** The record's fields a PATCH (or a confirmation) may set besides what is booked. */
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

async function rebook(scope: MedusaContainer, auth: OctoAuth, booking: any, body: Record<string, any>, changes: Record<string, any>, ttl?: number) {
  const productChanged = body.productId !== undefined && body.productId !== booking.product_id
  const bookable = await resolveBookable(scope, auth.sales_channel_id, {
    productId: body.productId ?? booking.product_id,
    optionId: body.optionId ?? (productChanged ? undefined : booking.option_id),
    availabilityId: body.availabilityId ?? booking.availability_id,
    unitItems: body.unitItems ?? booking.unit_items,
  })
  const revision = (booking.hold_revision ?? 0) + 1
  const { result } = await updateOctoBookingWorkflow(scope).run({
    input: {
      booking_id: booking.id,
      record: { ...changes, ...recordOf(bookable), hold_revision: revision },
      rehold: {
        holds: holdRequest(bookable, holdToken(booking.uuid, revision), holdEmail(booking.uuid), ttl, {
          octo_booking_uuid: booking.uuid,
        }),
        previous_hold_ids: booking.hold_ids ?? [],
      },
    },
  })
  return result
}

const changesWhatIsBooked = (body: Record<string, any>) =>
  ["productId", "optionId", "availabilityId", "unitItems"].some((key) => body[key] !== undefined && body[key] !== null)

/** PATCH /octo/bookings/:uuid: references, contact and notes always; what is booked while ON_HOLD. */
export async function update(scope: MedusaContainer, auth: OctoAuth, uuid: string, rawBody: unknown) {
  const body = checkObject(rawBody)
  const ttl = expirationOf(scope, body.expirationMinutes)
  const changes = plainChanges(body)
  return await withBookingLock(scope, uuid, async () => {
    const booking = await findBooking(scope, auth.sales_channel_id, uuid)
    const live = await liveState(scope, booking)
    if (live.status === "CANCELLED" || live.status === "EXPIRED") {
      throw unprocessable(`The booking is ${live.status} and cannot change`)
    }
    if (changesWhatIsBooked(body)) {
      if (live.status !== "ON_HOLD") throw unprocessable("A confirmed booking's product, option, date or units cannot change")
      return await rebook(scope, auth, booking, body, changes, ttl)
    }
    let result = booking
    if (Object.keys(changes).length) {
      ;({ result } = await updateOctoBookingWorkflow(scope).run({ input: { booking_id: booking.id, record: changes } }))
    }
    if (ttl !== undefined && live.status === "ON_HOLD") {
      await extendOctoBookingWorkflow(scope).run({ input: { hold_ids: booking.hold_ids, minutes: ttl } })
    }
    return result
  })
}

/** POST /octo/bookings/:uuid/extend. */
export async function extend(scope: MedusaContainer, auth: OctoAuth, uuid: string, rawBody: unknown) {
  const body = checkObject(rawBody)
  const minutes = expirationOf(scope, body.expirationMinutes) ?? bookingService(scope).getOptions().holdTtlMinutes
  return await withBookingLock(scope, uuid, async () => {
    const booking = await findBooking(scope, auth.sales_channel_id, uuid)
    const live = await liveState(scope, booking)
    if (live.status !== "ON_HOLD") throw unprocessable(`Only a reservation ON_HOLD can be extended; this one is ${live.status}`)
    await extendOctoBookingWorkflow(scope).run({ input: { hold_ids: booking.hold_ids, minutes } })
    return booking
  })
}

/** Region and price of the order line: the store's default region (or any), the variant's price in its currency. */
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
 * POST /octo/bookings/:uuid/confirm: a Medusa order with the holds confirmed
 * into its allocations. Confirming a CONFIRMED booking again answers it
 * unchanged (no second order).
 */
export async function confirm(scope: MedusaContainer, auth: OctoAuth, uuid: string, rawBody: unknown) {
  const body = checkObject(rawBody)
  const changes = plainChanges(body)
  if (body.unitItems !== undefined && body.unitItems !== null && !Array.isArray(body.unitItems)) {
    throw badRequest("unitItems must be an array")
  }
  return await withBookingLock(scope, uuid, async () => {
    let booking = await findBooking(scope, auth.sales_channel_id, uuid)
    const live = await liveState(scope, booking)
    if (live.status === "CONFIRMED") return booking
    if (live.status !== "ON_HOLD") throw unprocessable(`The booking is ${live.status} and cannot be confirmed`)
    if (Array.isArray(body.unitItems) && body.unitItems.length) {
      const same =
        body.unitItems.length === booking.unit_items.length && body.unitItems.every((item: any) => item?.unitId === "unit")
      if (same) {
        changes.unit_items = booking.unit_items.map((item: any, index: number) => ({
          ...item,
          resellerReference: body.unitItems[index]?.resellerReference ?? item.resellerReference ?? null,
          ...(body.unitItems[index]?.contact ? { contact: parseContact(body.unitItems[index].contact) } : {}),
        }))
      } else {
        booking = await rebook(scope, auth, booking, { unitItems: body.unitItems }, {})
      }
    }
    const query = scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data: variants } = await query.graph({
      entity: "product_variant",
      fields: ["id", "title", "product.title", "prices.amount", "prices.currency_code"],
      filters: { id: booking.option_id },
    })
    const variant = variants[0] as any
    if (!variant) throw unprocessable("The booked option no longer exists")
    const pricing = await orderPricing(scope, variant.prices ?? [])
    const contact = { ...(booking.contact ?? {}), ...(changes.contact ?? {}) }
    const resellerReference = changes.reseller_reference ?? booking.reseller_reference ?? null
    const holds = await bookingService(scope).listHoldGroups(booking.hold_ids)
    const resourceIds = holds.filter((h: any) => booking.hold_ids.includes(h.id)).map((h: any) => h.resource_id)
    const { result } = await confirmOctoBookingWorkflow(scope).run({
      input: {
        booking_id: booking.id,
        hold_ids: booking.hold_ids,
        record: changes,
        order: {
          region_id: pricing.region_id,
          sales_channel_id: auth.sales_channel_id,
          email: contact.emailAddress ?? holdEmail(booking.uuid),
          currency_code: pricing.currency_code,
          status: "pending",
          items: [
            {
              variant_id: booking.option_id,
              title: `${variant.product?.title ?? "Booking"} — ${variant.title ?? ""}`.trim(),
              quantity: booking.quantity,
              unit_price: pricing.unit_price,
              metadata: {
                octo_booking_uuid: booking.uuid,
                resource_hold_ids: booking.hold_ids,
                resource_ids: resourceIds,
                dates: [booking.local_date],
              },
            },
          ],
          metadata: {
            reseller_booking: true,
            octo: {
              uuid: booking.uuid,
              reseller_key_id: auth.key_id,
              reseller_reference: resellerReference,
              supplier_reference: booking.supplier_reference,
              contact,
            },
          },
        },
      },
    })
    return result.booking
  })
}

/** POST /octo/bookings/:uuid/cancel. Cancelling a CANCELLED booking again answers it unchanged. */
export async function cancel(scope: MedusaContainer, auth: OctoAuth, uuid: string, rawBody: unknown) {
  const body = checkObject(rawBody)
  const reason = optionalString(body.reason, "reason") ?? null
  return await withBookingLock(scope, uuid, async () => {
    const booking = await findBooking(scope, auth.sales_channel_id, uuid)
    const live = await liveState(scope, booking)
    // Cancelled already (here, or its order in Medusa admin): nothing more to give back.
    if (live.status === "CANCELLED") return booking
    if (live.status === "EXPIRED") throw unprocessable("The reservation has expired")
    let allocationIds: string[] = []
    if (booking.status === "CONFIRMED" && booking.order_id) {
      const [allocations] = await (bookingService(scope) as any).listAllocations(
        { order_id: booking.order_id, status: "ACTIVE" },
        { limit: 1000 }
      )
      allocationIds = (allocations ?? []).map((a: any) => a.id)
    }
    const { result } = await cancelOctoBookingWorkflow(scope).run({
      input: {
        booking_id: booking.id,
        hold_ids: booking.hold_ids ?? [],
        order_id: booking.status === "CONFIRMED" ? booking.order_id : null,
        allocation_ids: allocationIds,
        reason,
      },
    })
    return result
  })
}
