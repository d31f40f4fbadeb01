import { Modules } from "@medusajs/framework/utils"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"

/** The link rows between a resource and product variants (resource ↔ product_variant). */
export function resourceVariantLinks(resourceId: string, variantIds: string[]) {
  return variantIds.map((variantId) => ({
    [RESOURCE_BOOKING_MODULE]: { resource_id: resourceId },
    [Modules.PRODUCT]: { product_variant_id: variantId },
  }))
}
