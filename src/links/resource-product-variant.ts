import { defineLink } from "@medusajs/framework/utils"
import ProductModule from "@medusajs/medusa/product"
import ResourceBookingModule from "../modules/resource_booking"

/**
 * A product variant books one or more resources, each `units` times per unit
 * sold: booking quantity q of the variant takes q × units on every linked
 * resource, on every date (a private tour: a vehicle and a guide; a seat on a
 * shared tour: one tour unit). A resource may be booked through several
 * variants, which then share its capacity. The variant's price is per unit per
 * day.
 */
export default defineLink(
  { linkable: ResourceBookingModule.linkable.resource, isList: true },
  { linkable: ProductModule.linkable.productVariant, isList: true },
  {
    database: {
      extraColumns: {
        units: { type: "integer", defaultValue: "1" },
      },
    },
  }
)
