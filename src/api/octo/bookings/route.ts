import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { Booking } from "@octocloud/types"
import { octoAuthOf } from "../lib/auth"
import { reserve } from "../lib/booking-actions"
import { octoBooking, octoService } from "../lib/bookings"
import { badRequest, octoRoute } from "../lib/errors"

/** POST /octo/bookings: a reservation ON_HOLD (a hold group; the uuid is its idempotency token). */
export const POST = octoRoute(async (req: MedusaRequest<any>, res: MedusaResponse) => {
  const { booking } = await reserve(req.scope, octoAuthOf(req), req.body)
  res.json((await octoBooking(req.scope, booking)) as Booking)
})

/** GET /octo/bookings?resellerReference=…|supplierReference=…: the key's channel's bookings with that reference. */
export const GET = octoRoute(async (req: MedusaRequest, res: MedusaResponse) => {
  const { sales_channel_id } = octoAuthOf(req)
  const one = (value: unknown) => (Array.isArray(value) ? value[0] : value)
  const resellerReference = one(req.query.resellerReference)
  const supplierReference = one(req.query.supplierReference)
  const valid = (v: unknown) => typeof v === "string" && v.length > 0 && v.length <= 1000
  if (!valid(resellerReference) && !valid(supplierReference)) {
    throw badRequest("resellerReference or supplierReference is required")
  }
  const filters: Record<string, unknown> = { sales_channel_id }
  if (valid(resellerReference)) filters.reseller_reference = resellerReference
  if (valid(supplierReference)) filters.supplier_reference = supplierReference
  const records = await octoService(req.scope).listOctoBookings(filters as any, { take: 100, order: { created_at: "DESC" } })
  const bookings: Booking[] = []
  for (const record of records) bookings.push((await octoBooking(req.scope, record)) as Booking)
  res.json(bookings)
})
