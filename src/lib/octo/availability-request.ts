import type { MedusaContainer } from "@medusajs/framework/types"
import { loadProducts, OctoOptionSource, UNIT_ID } from "./catalog"
import { bookingService } from "./context"
import { daysBetweenInclusive, isDate } from "./dates"
import { badRequest, invalidOption, invalidProduct, invalidUnit } from "./errors"

/** productId, optionId and units of an availability request, checked in OCTo's order. */
export async function resolveOption(
  scope: MedusaContainer,
  salesChannelId: string,
  body: any
): Promise<{ option: OctoOptionSource; quantity: number }> {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw badRequest("The body must be a JSON object")
  if (body.productId === undefined || body.productId === null) throw badRequest("productId is required")
  if (typeof body.productId !== "string") throw badRequest("productId must be a string")
  const [product] = await loadProducts(scope, salesChannelId, body.productId)
  if (!product) throw invalidProduct(body.productId)
  if (body.optionId === undefined || body.optionId === null) throw badRequest("optionId is required")
  const option = product.options.find((o) => o.id === body.optionId)
  if (!option) throw invalidOption(body.optionId)
  let quantity = 1
  if (body.units !== undefined && body.units !== null) {
    if (!Array.isArray(body.units)) throw badRequest("units must be an array")
    let total = 0
    for (const [index, unit] of body.units.entries()) {
      if (!unit || typeof unit !== "object") throw badRequest(`units[${index}] must be an object`)
      if (unit.id !== UNIT_ID) throw invalidUnit(unit.id)
      if (!Number.isInteger(unit.quantity) || unit.quantity < 0) throw badRequest(`units[${index}].quantity must be an integer ≥ 0`)
      total += unit.quantity
    }
    quantity = Math.max(1, total)
  }
  return { option, quantity }
}

/** localDateStart..localDateEnd: both dates, start ≤ end, within the module's maxRangeDays. */
export function checkRange(scope: MedusaContainer, start: unknown, end: unknown): { from: string; to: string } {
  if (!isDate(start)) throw badRequest("localDateStart must be a date YYYY-MM-DD")
  if (!isDate(end)) throw badRequest("localDateEnd must be a date YYYY-MM-DD")
  if (start > end) throw badRequest("localDateStart must not be after localDateEnd")
  const max = bookingService(scope).getOptions().maxRangeDays ?? 366
  if (daysBetweenInclusive(start, end) > max) throw badRequest(`The range may name at most ${max} dates`)
  return { from: start, to: end }
}
