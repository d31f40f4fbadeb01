import { model } from "@medusajs/framework/utils"
import { ID_PREFIXES } from "../../resource_booking/constants"
import OctoReseller from "./reseller"

/**
 * A reseller's key to the OCTo API. Only a SHA-256 hash of the secret is
 * stored; the secret is shown once, when the key is made. A revoked key is
 * refused. The key belongs to a reseller (its bookings are the reseller's)
 * and sells in a sales channel, a link
 * (src/links/octo-reseller-key-sales-channel.ts: many keys to one channel).
 * `replaced_by_id`: the key a rotation made to replace this one (this one
 * stays valid until it is revoked).
 */
const OctoResellerKey = model
  .define("octo_reseller_key", {
    id: model.id({ prefix: ID_PREFIXES.reseller_key }).primaryKey(),
    title: model.text(),
    token_hash: model.text(),
    /** The first characters of the secret, enough to tell keys apart in a list. */
    redacted: model.text(),
    created_by: model.text().nullable(),
    revoked_at: model.dateTime().nullable(),
    revoked_by: model.text().nullable(),
    last_used_at: model.dateTime().nullable(),
    replaced_by_id: model.text().nullable(),
    reseller: model.belongsTo(() => OctoReseller, { mappedBy: "keys" }),
  })
  .indexes([{ name: "idx_octo_reseller_key_token_hash", on: ["token_hash"], unique: true }])

export default OctoResellerKey
