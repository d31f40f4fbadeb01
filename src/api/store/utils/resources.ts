import { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { RESOURCE_FIELDS } from "../../../modules/resource_booking/constants"
import { resourceBookingService } from "../../utils/resource-booking"

/** The resource fields a storefront sees. */
export const STORE_RESOURCE_FIELDS = RESOURCE_FIELDS


/** An active, not deleted resource, or 404 (inactive and deleted ones are unknown to the store). */
export async function retrieveStoreResource(scope: MedusaContainer, id: string) {
  const [resource] = await resourceBookingService(scope).listResources(
    { id, is_active: true } as any,
    { select: [...STORE_RESOURCE_FIELDS], take: 1 }
  )
  if (!resource) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Resource with id: ${id} was not found`)
  }
  return resource
}

/** A hold as a storefront sees it: where it was made (`channel`) is the admin's to know. */
export function storeHold<T extends { channel?: unknown }>(hold: T): Omit<T, "channel"> {
  const { channel: _channel, ...rest } = hold
  return rest
}
