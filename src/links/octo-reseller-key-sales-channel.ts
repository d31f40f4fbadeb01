import { defineLink } from "@medusajs/framework/utils"
import SalesChannelModule from "@medusajs/medusa/sales-channel"
import OctoModule from "../modules/octo"

/**
 * A reseller key sells in one sales channel: the products it sees are those
 * published in that channel, and the orders its bookings make go there.
 */
export default defineLink(OctoModule.linkable.octoResellerKey, SalesChannelModule.linkable.salesChannel)
