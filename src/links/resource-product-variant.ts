import { defineLink } from "@medusajs/framework/utils"
import ProductModule from "@medusajs/medusa/product"
import ResourceBookingModule from "../modules/resource_booking"

// A product variant sells one resource (its price is per unit per day); one
// resource may be sold through several variants.
export default defineLink(
  { linkable: ResourceBookingModule.linkable.resource, isList: false },
  { linkable: ProductModule.linkable.productVariant, isList: true }
)
