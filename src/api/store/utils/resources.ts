import { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { RESOURCE_BOOKING_MODULE } from "../../../modules/resource_booking"
import ResourceBookingModuleService from "../../../modules/resource_booking/service"

/** The resource fields a storefront sees. */
export const STORE_RESOURCE_FIELDS = [
  "id",
  "type",
  "name",
  "description",
  "metadata",
  "is_active",
  "created_at",
  "updated_at",
] as const

export function resourceService(scope: MedusaContainer): ResourceBookingModuleService {
  return scope.resolve(RESOURCE_BOOKING_MODULE)
}

/** An active, not deleted resource, or 404 (inactive and deleted ones are unknown to the store). */
export async function retrieveStoreResource(scope: MedusaContainer, id: string) {
  const [resource] = await resourceService(scope).listResources(
    { id, is_active: true } as any,
    { select: [...STORE_RESOURCE_FIELDS], take: 1 }
  )
  if (!resource) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Resource with id: ${id} was not found`)
  }
  return resource
}
