import { model } from "@medusajs/framework/utils"
import { ID_PREFIXES } from "../../resource_booking/constants"

export const OCTO_BOOKING_STATUSES = ["ON_HOLD", "CONFIRMED", "CANCELLED", "EXPIRED"] as const
export type OctoBookingStatus = (typeof OCTO_BOOKING_STATUSES)[number]

/**
 * One OCTo booking of a reseller: its `uuid` (the reseller's), what it books
 * (product, option = variant, unit, date, quantity) and where that lives in
 * the ledger (the hold group; after confirmation, the order and its
 * allocations). `ON_HOLD` turns `EXPIRED` when its holds lapse (computed on
 * read from the holds, as the ledger does).
 */
const OctoBooking = model
  .define("octo_booking", {
    id: model.id({ prefix: ID_PREFIXES.octo_booking }).primaryKey(),
    uuid: model.text(),
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
  })
  .indexes([
    { name: "idx_octo_booking_uuid", on: ["uuid"], unique: true },
    { name: "idx_octo_booking_supplier_reference", on: ["supplier_reference"], unique: true },
    { name: "idx_octo_booking_reseller_reference", on: ["sales_channel_id", "reseller_reference"] },
    { name: "idx_octo_booking_order", on: ["order_id"] },
  ])

export default OctoBooking
