import { AuthenticatedMedusaRequest, MedusaRequest } from "@medusajs/framework/http"
import { RESOURCE_FIELDS } from "../../modules/resource_booking/constants"
import { resourceBookingService } from "../utils/resource-booking"

/** The admin user (or API key) behind the request, for the audit trail. */
export function actorIdOf(req: MedusaRequest): string | null {
  return (req as AuthenticatedMedusaRequest).auth_context?.actor_id ?? null
}

export const ADMIN_RESOURCE_FIELDS = [...RESOURCE_FIELDS, "deleted_at"]

/** The resource as the admin sees it; 404 for an unknown or deleted one. */
export async function retrieveResource(req: MedusaRequest, id: string) {
  return await resourceBookingService(req.scope).retrieveResource(id, { select: ADMIN_RESOURCE_FIELDS })
}
