import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { Booking } from "@octocloud/types"
import { octoBooking } from "../../../lib/octo/booking"
import { octoService } from "../../../lib/octo/context"
import { badRequest } from "../../../lib/octo/errors"
import { reserveOctoBookingWorkflow } from "../../../workflows/octo/reserve-octo-booking"
import { octoAuthOf } from "../lib/auth"
import { octoRoute } from "../lib/errors"
import { parseReserveBody } from "../validators"

/** POST /octo/bookings: a reservation ON_HOLD (a hold group; the uuid is its idempotency token). */
export const POST = octoRoute(async (req: MedusaRequest<any>, res: MedusaResponse) => {
  const auth = octoAuthOf(req)
  const body = parseReserveBody(req.scope, req.body)
  const { result } = await reserveOctoBookingWorkflow(req.scope).run({
    input: { ...body, reseller_id: auth.reseller_id, reseller_key_id: auth.key_id, sales_channel_id: auth.sales_channel_id },
  })
  res.json((await octoBooking(req.scope, result.booking, req.headers)) as Booking)
})

/** GET /octo/bookings?resellerReference=…|supplierReference=…: the reseller's bookings with that reference. */
export const GET = octoRoute(async (req: MedusaRequest, res: MedusaResponse) => {
  const { reseller_id } = octoAuthOf(req)
  const one = (value: unknown) => (Array.isArray(value) ? value[0] : value)
  const resellerReference = one(req.query.resellerReference)
  const supplierReference = one(req.query.supplierReference)
  const valid = (v: unknown) => typeof v === "string" && v.length > 0 && v.length <= 1000
  if (!valid(resellerReference) && !valid(supplierReference)) {
    throw badRequest("resellerReference or supplierReference is required")
  }
  const filters: Record<string, unknown> = { reseller_id }
  if (valid(resellerReference)) filters.reseller_reference = resellerReference
  if (valid(supplierReference)) filters.supplier_reference = supplierReference
  const records = await octoService(req.scope).listOctoBookings(filters as any, { take: 100, order: { created_at: "DESC" } })
  const bookings: Booking[] = []
  for (const record of records) bookings.push((await octoBooking(req.scope, record, req.headers)) as Booking)
  res.json(bookings)
})
