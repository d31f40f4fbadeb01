import { ID_PREFIXES } from "../../resource_booking/constants"
import { model } from "@medusajs/framework/utils"
import OctoResellerKey from "./reseller-key"

/**
 * A reseller (an online travel agency, a channel manager): the owner of keys
 * and of the bookings made with any of them. Several resellers may sell one
 * sales channel's catalogue; one reseller rotates its keys without losing
 * sight of its bookings.
 */
const OctoReseller = model.define("octo_reseller", {
  id: model.id({ prefix: ID_PREFIXES.reseller }).primaryKey(),
  name: model.text(),
  keys: model.hasMany(() => OctoResellerKey, { mappedBy: "reseller" }),
})

export default OctoReseller
