import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import ResourceBookingModuleService from "../../modules/resource_booking/service"
import { bookingHoldIdsOf } from "./booking-line-items"

/** Most live hold groups one cart is looked at for (a cart holds a handful). */
const MAX_CART_HOLDS = 1000

/**
 * The hold groups a cart's removed lines leave behind: live holds put on the
 * cart (`metadata.cart_id`, set when the cart booking route makes or claims
 * them) whose group no line of the cart names any more, while a removed
 * (soft-deleted) line did. Answers one hold id per group.
 *
 * A group that no line names at all, removed or not, is being booked right now
 * (the booking route takes the holds before it adds their line) and is left
 * alone; it lapses after its TTL if the booking never adds its line.
 */
export async function holdGroupsLeftByRemovedLines(container: MedusaContainer, cartId: string): Promise<string[]> {
  const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
  const [holds] = await service.listHolds({ cart_id: cartId, status: "ACTIVE" }, { limit: MAX_CART_HOLDS, offset: 0 })
  if (!holds.length) return []

  const lines = await container
    .resolve(Modules.CART)
    .listLineItems({ cart_id: cartId }, { select: ["id", "metadata", "deleted_at"], withDeleted: true })
  const namedBy = (removed: boolean) =>
    new Set(
      lines
        .filter((line: any) => Boolean(line.deleted_at) === removed)
        .flatMap((line: any) => {
          const ids = bookingHoldIdsOf(line.metadata)
          return Array.isArray(ids) ? ids : []
        })
    )
  const onLiveLine = namedBy(false)
  const onRemovedLine = namedBy(true)

  const groups = new Map<string, string[]>()
  for (const hold of holds) groups.set(hold.group_id, [...(groups.get(hold.group_id) ?? []), hold.id])
  return [...groups.values()]
    .filter((ids) => !ids.some((id) => onLiveLine.has(id)) && ids.some((id) => onRemovedLine.has(id)))
    .map((ids) => ids[0])
}
