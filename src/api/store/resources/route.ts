import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resourceBookingService } from "../../utils/resource-booking"
import { STORE_RESOURCE_FIELDS } from "../utils/resources"
import { StoreListResourcesQueryType } from "../validators"

/** Escapes LIKE wildcards so `q` matches literally. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
}

/** GET /store/resources: active, not deleted resources; filters `type`, `q`; paging. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const query = req.validatedQuery as StoreListResourcesQueryType
  const limit = query.limit ?? 20
  const offset = query.offset ?? 0
  const filters: Record<string, unknown> = { is_active: true }
  if (query.type) filters.type = query.type
  if (query.q?.trim()) {
    const pattern = likePattern(query.q.trim())
    filters.$or = [{ name: { $ilike: pattern } }, { description: { $ilike: pattern } }]
  }
  const [resources, count] = await resourceBookingService(req.scope).listAndCountResources(filters as any, {
    select: [...STORE_RESOURCE_FIELDS],
    take: limit,
    skip: offset,
    order: { name: "ASC", id: "ASC" },
  })
  res.json({ resources, count, limit, offset })
}
