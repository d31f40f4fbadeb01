import { model } from "@medusajs/framework/utils"
import { ID_PREFIXES } from "../../resource_booking/constants"

/**
 * The secret calendar feed of a resource: one per resource, its token (≥ 128
 * random bits, base64url) is the URL's only key. Rotating replaces the token.
 */
export const ResourceFeed = model.define("resource_booking_feed", {
  id: model.id({ prefix: ID_PREFIXES.feed }).primaryKey(),
  resource_id: model.text().unique(),
  token: model.text().unique(),
  include_customer: model.boolean().default(false),
  include_holds: model.boolean().default(false),
  rotated_at: model.dateTime(),
})

export default ResourceFeed
