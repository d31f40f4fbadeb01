import { model } from "@medusajs/framework/utils"
import { ID_PREFIXES } from "../../resource_booking/constants"
import { OCTO_BOOKING_STATUSES } from "../state"

/**
 * One OCTo booking of a reseller: its `uuid` (the reseller's), what it books
 * (product, option = variant, unit, date, quantity) and where that lives in
 * the ledger (the hold group; after confirmation, the order and its
 * allocations). `ON_HOLD` turns `EXPIRED` when its holds lapse (computed on
 * read from the holds, as the ledger does). It is visible to its reseller
 * (every key of `reseller_id`), not to the sales channel.
 *
 * `claim_token`/`claim_action`/`claimed_at`: the call that is changing the
 * booking right now (service.claimBooking, state.ts); null when none is.
 */
const OctoBooking = model
  .define("octo_booking", {
    id: model.id({ prefix: ID_PREFIXES.octo_booking }).primaryKey(),
    uuid: model.text(),
    reseller_id: model.text(),
    sales_channel_id: model.text(),
    reseller_key_id: model.text(),
    status: model.enum([...OCTO_BOOKING_STATUSES]).default("ON_HOLD"),
    product_id: model.text(),
    option_id: model.text(),
    unit_id: model.text(),
    availability_id: model.text(),
    local_date: model.text(),
    quantity: model.number(),
    hold_ids: model.json(),
    /** Bumped each time an update re-takes the holds (part of their idempotency token). */
    hold_revision: model.number().default(0),
    order_id: model.text().nullable(),
    reseller_reference: model.text().nullable(),
    supplier_reference: model.text(),
    contact: model.json().nullable(),
    notes: model.text().nullable(),
    unit_items: model.json(),
    confirmed_at: model.dateTime().nullable(),
    cancelled_at: model.dateTime().nullable(),
    cancellation_reason: model.text().nullable(),
    claim_token: model.text().nullable(),
    claim_action: model.text().nullable(),
    claimed_at: model.dateTime().nullable(),
  })
  .indexes([
    { name: "idx_octo_booking_uuid", on: ["uuid"], unique: true },
    { name: "idx_octo_booking_supplier_reference", on: ["supplier_reference"], unique: true },
    { name: "idx_octo_booking_reseller_reference", on: ["reseller_id", "reseller_reference"] },
    { name: "idx_octo_booking_order_unique", on: ["order_id"], unique: true, where: "order_id IS NOT NULL AND deleted_at IS NULL" },
  ])

export default OctoBooking
