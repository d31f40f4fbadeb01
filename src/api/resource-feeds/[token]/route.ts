import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { RESOURCE_BOOKING_NOTIFICATIONS_MODULE } from "../../../modules/resource_booking_notifications"
import type ResourceBookingNotificationsService from "../../../modules/resource_booking_notifications/service"
import { buildResourceFeedCalendar } from "../../../workflows/notifications/utils/feed-calendar"

const notFound = () => new MedusaError(MedusaError.Types.NOT_FOUND, "Calendar feed not found")

/**
 * GET /resource-feeds/:token.ics: a resource's calendar (RFC 5545) for
 * Google Calendar, Apple Calendar and the like. No headers: the secret token
 * in the URL is the only key (outside /store and /admin, Medusa asks for no
 * authentication). An unknown or rotated token answers 404.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const token = String(req.params.token ?? "").replace(/\.ics$/i, "")
  if (!/^[A-Za-z0-9_-]{22,200}$/.test(token)) throw notFound()
  const service: ResourceBookingNotificationsService = req.scope.resolve(RESOURCE_BOOKING_NOTIFICATIONS_MODULE)
  const feed = await service.retrieveFeedByToken(token)
  if (!feed) throw notFound()
  const calendar = await buildResourceFeedCalendar(req.scope, feed)
  if (calendar === null) throw notFound()
  res.setHeader("Content-Type", "text/calendar; charset=utf-8")
  res.setHeader("Content-Disposition", 'inline; filename="bookings.ics"')
  res.setHeader("Cache-Control", "private, max-age=300")
  res.setHeader("X-Robots-Tag", "noindex")
  res.status(200).send(calendar)
}
