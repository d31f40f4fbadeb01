import { defineLink } from "@medusajs/framework/utils"
import SalesChannelModule from "@medusajs/medusa/sales-channel"
import OctoModule from "../modules/octo"

/**
 * A reseller key sells in one sales channel: the products it sees are those
 * published in that channel, and the orders its bookings make go there. A
 * channel has any number of keys (`isList` on the key side): a reseller
 * rotating its key, a new key after a revocation, several resellers selling
 * one catalogue. The link table is the same as a one-to-one link's (Medusa
 * checks the cardinality when a link is created), so existing links stay.
 */
export default defineLink({ linkable: OctoModule.linkable.octoResellerKey, isList: true }, SalesChannelModule.linkable.salesChannel)
