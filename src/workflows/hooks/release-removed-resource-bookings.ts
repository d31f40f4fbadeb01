import { MedusaError } from "@medusajs/framework/utils"
import { refreshCartItemsWorkflow } from "@medusajs/medusa/core-flows"
import { releaseResourceHoldWorkflow } from "../release-resource-hold"
import { holdGroupsLeftByRemovedLines } from "../utils/cart-booking-holds"

/**
 * A booking line that leaves a cart gives its seats back at once. Medusa
 * refreshes the cart after every change of its lines (a line removed with
 * `DELETE /store/carts/:id/line-items/:line_id`, a quantity set to 0, the
 * custom-price lines a region change removes, lines added or updated) and
 * after a cart update; the delete-line-items workflow itself has no hook, so
 * the plugin answers the refresh's `beforeRefreshingPaymentCollection` hook:
 * every hold group on this cart that no line names any more, but a removed
 * line did, is released through the release workflow (the whole group;
 * `resource_booking.hold.released`; the waitlist is offered what it frees),
 * before the client has its answer.
 *
 * A hold another process confirmed or ended in the meantime is left as it is.
 */
refreshCartItemsWorkflow.hooks.beforeRefreshingPaymentCollection(async ({ input }, { container }) => {
  const cartId = (input as any)?.cart_id
  if (!cartId) return
  for (const holdId of await holdGroupsLeftByRemovedLines(container, cartId)) {
    try {
      await releaseResourceHoldWorkflow(container).run({ input: { hold_id: holdId } })
    } catch (error: any) {
      if (error?.type !== MedusaError.Types.CONFLICT && error?.type !== MedusaError.Types.NOT_FOUND) throw error
    }
  }
})
