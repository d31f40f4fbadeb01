import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { dateRuns } from "../../../lib/booking-times"
import { RESOURCE_BOOKING_MODULE } from "../../../modules/resource_booking"
import type ResourceBookingModuleService from "../../../modules/resource_booking/service"
import { RESOURCE_BOOKING_NOTIFICATIONS_MODULE, waitlistOfferLink } from "../../../modules/resource_booking_notifications"
import type ResourceBookingNotificationsService from "../../../modules/resource_booking_notifications/service"
import type { ResourceBookingNotificationInput } from "../../../modules/resource_booking_notifications/types"
import { bookingTimesData, loadResourceNames } from "../utils/booking-details"

export const buildWaitlistOfferNotificationStepId = "build-waitlist-offer-notification-step"

/**
 * `resource-booking.waitlist-offer` for an offered entry (key
 * `resource-booking.waitlist-offer:<entry id>`: an entry is offered once), to
 * the entry's email: the entry and hold ids, `offer_expires_at`, what is held
 * (dates, and for departures and appointments `times`, `starts_at` and
 * `ends_at` of the offered holds as in the confirmation; quantity, product and
 * resource names) and `offer_url`, the shop's
 * page that books the offer (the module's `waitlistOfferUrl` with the entry
 * id; null when the shop has none). Nothing for an entry that is no longer
 * OFFERED by the time this runs (booked, lapsed, left).
 */
export const buildWaitlistOfferNotificationStep = createStep(
  buildWaitlistOfferNotificationStepId,
  async (input: { entry_id: string }, { container }) => {
    const booking: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    const entry = await booking.retrieveWaitlistEntry(input.entry_id).catch(() => null)
    if (!entry || entry.status !== "OFFERED" || !entry.customer_email) return new StepResponse([] as ResourceBookingNotificationInput[])
    const notifications: ResourceBookingNotificationsService = container.resolve(RESOURCE_BOOKING_NOTIFICATIONS_MODULE)
    const { waitlistOfferUrl } = notifications.getNotificationOptions()

    const holds = await Promise.all(entry.resource_hold_ids.map((id) => booking.retrieveHold(id).catch(() => null)))
    const resourceIds = [...new Set([...holds.map((hold) => hold?.resource_id), entry.resource_id].filter((id): id is string => !!id))]
    const names = await loadResourceNames(container, resourceIds)
    let product: { product_title: string | null; variant_title: string | null } = { product_title: null, variant_title: null }
    if (entry.variant_id) {
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "product_variant", fields: ["id", "title", "product.title"], filters: { id: entry.variant_id } })
      const variant = (data as any[])[0]
      product = { product_title: variant?.product?.title ?? null, variant_title: variant?.title ?? null }
    }
    return new StepResponse([
      {
        template_key: "resource-booking.waitlist-offer",
        to: entry.customer_email,
        idempotency_key: `resource-booking.waitlist-offer:${entry.id}`,
        data: {
          entry_id: entry.id,
          resource_hold_ids: entry.resource_hold_ids,
          offer_expires_at: entry.offer_expires_at,
          offer_url: waitlistOfferLink(waitlistOfferUrl, entry.id),
          dates: entry.dates,
          date_runs: dateRuns(entry.dates).map(({ start, last }) => ({ start, last })),
          ...bookingTimesData(
            holds.filter((hold): hold is NonNullable<typeof hold> => !!hold),
            booking.getOptions().timezone
          ),
          quantity: entry.quantity,
          variant_id: entry.variant_id,
          resource_id: entry.resource_id,
          ...product,
          resource_names: resourceIds.map((id) => names.get(id) ?? id),
          timezone: booking.getOptions().timezone,
        },
        resource_id: entry.id,
        resource_type: "resource_waitlist_entry",
      },
    ] as ResourceBookingNotificationInput[])
  }
)
