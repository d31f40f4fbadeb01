import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resourceBookingService } from "../../utils/resource-booking"
import { createResourceWorkflow } from "../../../workflows/create-resource"
import { withConflictMessage } from "../../utils/http-errors"
import { ADMIN_RESOURCE_FIELDS, retrieveResource } from "../helpers"
import { AdminCreateResourceType, AdminListResourcesType } from "../validators"

export const GET = async (req: MedusaRequest<unknown, AdminListResourcesType>, res: MedusaResponse) => {
  const { limit, offset, type, booking_mode, is_active, q } = req.validatedQuery
  const filters: Record<string, unknown> = {}
  if (type) filters.type = type
  if (booking_mode) filters.booking_mode = booking_mode
  if (is_active !== undefined) filters.is_active = is_active
  if (q) filters.q = q
  const [resources, count] = await resourceBookingService(req.scope).listAndCountResources(filters, {
    select: ADMIN_RESOURCE_FIELDS,
    skip: offset,
    take: limit,
    order: { name: "ASC", id: "ASC" },
  })
  res.json({ resources, count, limit, offset })
}

export const POST = withConflictMessage(
  async (req: MedusaRequest<AdminCreateResourceType>, res: MedusaResponse) => {
    const { result } = await createResourceWorkflow(req.scope).run({ input: req.validatedBody })
    res.status(200).json({ resource: await retrieveResource(req, result.id) })
  }
)
