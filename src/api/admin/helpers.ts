import { AuthenticatedMedusaRequest, MedusaRequest } from "@medusajs/framework/http"
import { resourceBookingService } from "../utils/resource-booking"

/** The admin user (or API key) behind the request, for the audit trail. */
export function actorIdOf(req: MedusaRequest): string | null {
  return (req as AuthenticatedMedusaRequest).auth_context?.actor_id ?? null
}

export const RESOURCE_FIELDS = [
  "id",
  "type",
  "name",
  "description",
  "metadata",
  "is_active",
  "created_at",
  "updated_at",
  "deleted_at",
]

/** The resource as the admin sees it; 404 for an unknown or deleted one. */
export async function retrieveResource(req: MedusaRequest, id: string) {
  return await resourceBookingService(req.scope).retrieveResource(id, { select: RESOURCE_FIELDS })
}
