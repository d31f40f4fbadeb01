import { model } from "@medusajs/framework/utils"
import { ID_PREFIXES } from "../../resource_booking/constants"

/**
 * A reseller's key to the OCTo API. Only a SHA-256 hash of the secret is
 * stored; the secret is shown once, when the key is made. A revoked key is
 * refused. The key's sales channel (where its orders go, and which products it
 * may sell) is a link (src/links/octo-reseller-key-sales-channel.ts).
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
  })
  .indexes([{ name: "idx_octo_reseller_key_token_hash", on: ["token_hash"], unique: true }])

export default OctoResellerKey
