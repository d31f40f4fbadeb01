import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import confirmResourceHoldsOnOrderPlaced from "../../src/subscribers/order-placed-confirm-resource-holds"
import sendResourceBookingConfirmation from "../../src/subscribers/resource-booking-confirmed-notification"
import sendResourceBookingRemindersJob from "../../src/jobs/send-resource-booking-reminders"
import retryResourceBookingNotificationsJob from "../../src/jobs/retry-resource-booking-notifications"
import { RESOURCE_BOOKING_NOTIFICATIONS_MODULE } from "../../src/modules/resource_booking_notifications"
import { cancelResourceAllocationsWorkflow } from "../../src/workflows/cancel-resource-allocations"
import { createResourceBlackoutWorkflow } from "../../src/workflows/create-resource-blackout"
import { sendResourceBookingNotificationsWorkflow } from "../../src/workflows/notifications"
import { createAdminHeaders } from "./admin-helpers"
import { sql } from "./helpers/db"
import {
  addManualPaymentSession,
  attempt,
  BookableVariant,
  bookingService,
  createBookableVariant,
  createCart,
  createResource,
  createShop,
  day,
  setCapacity,
  Shop,
  storeHeaders,
  waitFor,
} from "./helpers/fixtures"
import { parseEvents } from "./helpers/ical"

jest.setTimeout(180 * 1000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    let shop: Shop
    let booking: BookableVariant
    let admin: { headers: Record<string, string> }
    const D = (offset: number) => day(getContainer(), offset)

    beforeAll(async () => {
      const container = getContainer()
      shop = await createShop(container)
      booking = await createBookableVariant(container, shop, { capacity: 5, from: D(0), to: D(40), unitPrice: 100 })
    })

    beforeEach(async () => {
      admin = await createAdminHeaders(getContainer())
    })

    const notificationsTo = async (to: string, channel = "email") =>
      (await api.get(`/admin/notifications?to=${encodeURIComponent(to)}&channel=${channel}&limit=100`, admin)).data
        .notifications as any[]
    const outbox = (key: string) =>
      sql(dbConfig.clientUrl, `SELECT * FROM resource_booking_notification WHERE idempotency_key = $1`, [key])

    const placeOrder = async (email: string, bookings: { dates: string[]; quantity: number }[]) => {
      const cart = await createCart(api, shop, { email })
      for (const body of bookings) {
        const res = await attempt(
          api.post(`/store/carts/${cart.id}/resource-bookings`, { variant_id: booking.variantId, ...body }, storeHeaders(shop))
        )
        expect(res.status).toBe(200)
      }
      await addManualPaymentSession(api, shop, cart.id)
      const completed = await attempt(api.post(`/store/carts/${cart.id}/complete`, {}, storeHeaders(shop)))
      expect(completed.data.type).toBe("order")
      return completed.data.order
    }

    it("an order makes exactly one resource-booking.confirmed, whose booking.ics parses into the booked dates; a redelivered order.placed makes none more", async () => {
      const email = "confirm@example.com"
      const order = await placeOrder(email, [
        { dates: [D(21), D(22), D(24)], quantity: 2 },
        { dates: [D(30)], quantity: 1 },
      ])
      const key = `resource-booking.confirmed:${order.id}`
      const [row] = await waitFor(async () => {
        const rows = await outbox(key)
        return rows[0]?.status === "SENT" ? rows : null
      })
      const confirmed = (await notificationsTo(email)).filter((n) => n.template === "resource-booking.confirmed")
      expect(confirmed).toHaveLength(1)
      expect(confirmed[0]).toMatchObject({ channel: "email", to: email, resource_id: order.id })
      const records = await getContainer().resolve(Modules.NOTIFICATION).listNotifications({ idempotency_key: key } as any)
      expect(records.map((record: any) => [record.id, record.status])).toEqual([[confirmed[0].id, "success"]])
      expect(confirmed[0].data).toMatchObject({ order_id: order.id, order_display_id: order.display_id })
      const lines = [...confirmed[0].data.lines].sort((a: any, b: any) => a.dates[0].localeCompare(b.dates[0]))
      expect(lines.map((line: any) => [line.dates, line.quantity, line.resource_names])).toEqual([
        [[D(21), D(22), D(24)], 2, [booking.resource.name]],
        [[D(30)], 1, [booking.resource.name]],
      ])

      // The attachment handed to the provider: booking.ics, parsed by ical.js.
      expect(row.attachments).toHaveLength(1)
      expect(row.attachments[0]).toMatchObject({ filename: "booking.ics", disposition: "attachment" })
      const ics = Buffer.from(row.attachments[0].content, "base64").toString("utf8")
      expect(ics).toMatch(/\r\n/)
      expect(ics.split("\r\n").every((line) => Buffer.byteLength(line) <= 75)).toBe(true)
      const events = parseEvents(ics).sort((a: any, b: any) => a.start.localeCompare(b.start))
      const [allocations] = await bookingService(getContainer()).listAllocations({ order_id: order.id })
      const first = allocations.find((a) => a.dates.length === 3)!
      const second = allocations.find((a) => a.dates.length === 1)!
      expect(events.map((e: any) => [e.start, e.end, e.allDay])).toEqual([
        [D(21), D(23), true],
        [D(24), D(25), true],
        [D(30), D(31), true],
      ])
      expect(events.map((e: any) => e.uid)).toEqual([
        `${first.id}@resource-booking`,
        `${first.id}-${D(24)}@resource-booking`,
        `${second.id}@resource-booking`,
      ])
      expect(events.every((e: any) => e.stamp)).toBe(true)
      expect(events[0].summary).toContain(booking.resource.name)
      expect(events[0].summary).toContain(`#${order.display_id}`)

      // order.placed delivered again, and allocation.created for each allocation again: nothing more.
      const container = getContainer()
      await confirmResourceHoldsOnOrderPlaced({ event: { name: "order.placed", data: { id: order.id } }, container } as any)
      for (const allocation of allocations) {
        await sendResourceBookingConfirmation({
          event: { name: "resource_booking.allocation.created", data: { id: allocation.id, order_id: allocation.order_id } },
          container,
        } as any)
      }
      expect((await notificationsTo(email)).filter((n) => n.template === "resource-booking.confirmed")).toHaveLength(1)
      expect(await outbox(key)).toHaveLength(1)
    })

    it("canceling an allocation sends resource-booking.canceled; flagging one sends resource-booking.needs-review on the feed channel", async () => {
      const email = "cancel@example.com"
      const order = await placeOrder(email, [{ dates: [D(10)], quantity: 1 }, { dates: [D(12)], quantity: 1 }])
      const [allocations] = await waitFor(async () => {
        const result = await bookingService(getContainer()).listAllocations({ order_id: order.id })
        return result[1] === 2 ? result : null
      })
      const toCancel = allocations.find((a) => a.dates[0] === D(10))!
      const toFlag = allocations.find((a) => a.dates[0] === D(12))!
      await cancelResourceAllocationsWorkflow(getContainer()).run({
        input: { allocation_ids: [toCancel.id], restore_capacity: true },
      })
      const canceled = await waitFor(async () => {
        const list = (await notificationsTo(email)).filter((n) => n.template === "resource-booking.canceled")
        return list.length ? list : null
      })
      expect(canceled).toHaveLength(1)
      expect(canceled[0].data).toMatchObject({ allocation_id: toCancel.id, dates: [D(10)], resource: { id: booking.resource.id } })

      const { result } = await createResourceBlackoutWorkflow(getContainer()).run({
        input: { resource_id: booking.resource.id, start_date: D(12), end_date: D(12), reason: "maintenance" },
      })
      const blackoutId = (result as any).blackout.id
      const feed = await waitFor(async () => {
        const rows = await outbox(`resource-booking.needs-review:${toFlag.id}:${blackoutId}`)
        return rows[0]?.status === "SENT" ? rows : null
      })
      expect(feed[0]).toMatchObject({ channel: "feed", template: "resource-booking.needs-review" })
      const adminFeed = (await notificationsTo("", "feed")).filter((n) => n.template === "resource-booking.needs-review")
      expect(adminFeed.map((n) => n.data.allocation_id)).toContain(toFlag.id)
      expect(adminFeed[0].data.title).toBeTruthy()
    })

    describe("reminders", () => {
      /** An allocation on `dates` for its own email (a hold confirmed into an order of its own). */
      const allocate = async (resourceId: string, dates: string[], email: string) => {
        const service = bookingService(getContainer())
        const { hold } = await service.createHold({ resource_id: resourceId, dates, quantity: 1, customer_email: email })
        const { allocation } = await service.confirmHold({
          hold_id: hold.id,
          order_id: `order_test_${email}`,
          line_item_id: `ordli_test_${email}`,
        })
        return allocation
      }
      const remindersTo = async (email: string) =>
        (await notificationsTo(email)).filter((n) => n.template === "resource-booking.reminder")

      it("each due, non-canceled allocation gets exactly one reminder, whether the job runs twice or twice at once", async () => {
        const container = getContainer()
        const resource = await createResource(container)
        await setCapacity(container, resource.id, D(0), D(10), 10)
        // With reminderHoursBefore = 24: a first date tomorrow is due now (its start is less than 24 h away);
        // a first date in 3 days is not yet; today's has started (none).
        const dueA = await allocate(resource.id, [D(1), D(2)], "due-a@example.com")
        const dueB = await allocate(resource.id, [D(1)], "due-b@example.com")
        const later = await allocate(resource.id, [D(3)], "later@example.com")
        const started = await allocate(resource.id, [D(0), D(1)], "started@example.com")
        const canceled = await allocate(resource.id, [D(1)], "canceled@example.com")
        await bookingService(container).cancelAllocation({ allocation_id: canceled.id, restore_capacity: true } as any)

        const first = await sendResourceBookingRemindersJob(container)
        const second = await sendResourceBookingRemindersJob(container)
        expect(first.sort()).toEqual([dueA.id, dueB.id].sort())
        expect(second).toEqual([])
        for (const email of ["due-a@example.com", "due-b@example.com"]) expect(await remindersTo(email)).toHaveLength(1)
        for (const email of ["later@example.com", "started@example.com", "canceled@example.com"]) {
          expect(await remindersTo(email)).toHaveLength(0)
        }
        const [reminder] = await remindersTo("due-a@example.com")
        expect(reminder.data).toMatchObject({ allocation_id: dueA.id, first_date: D(1) })
        expect(reminder.data.lines[0].dates).toEqual([D(1), D(2)])

        // Two runs at the same moment over new due allocations (and the ones already reminded).
        const dueC = await allocate(resource.id, [D(1)], "due-c@example.com")
        const dueD = await allocate(resource.id, [D(1), D(2), D(3)], "due-d@example.com")
        const [x, y] = await Promise.all([sendResourceBookingRemindersJob(container), sendResourceBookingRemindersJob(container)])
        expect([...x, ...y].sort()).toEqual([dueC.id, dueD.id].sort())
        for (const email of ["due-a@example.com", "due-b@example.com", "due-c@example.com", "due-d@example.com"]) {
          expect(await remindersTo(email)).toHaveLength(1)
        }
        expect(await remindersTo("canceled@example.com")).toHaveLength(0)
        expect(await remindersTo("later@example.com")).toHaveLength(0)

        // Two days later (the job's clock moved on): the later one is due, and only it.
        const inTwoDays = new Date(Date.now() + 2 * 24 * 3600 * 1000).toISOString()
        const [p, q] = await Promise.all([
          sendResourceBookingRemindersJob(container, { now: inTwoDays }),
          sendResourceBookingRemindersJob(container, { now: inTwoDays }),
        ])
        expect([...p, ...q]).toEqual([later.id])
        expect(await remindersTo("later@example.com")).toHaveLength(1)
        const claims = await sql(
          dbConfig.clientUrl,
          `SELECT allocation_id, sent_at FROM resource_booking_reminder WHERE allocation_id = ANY($1::text[])`,
          [[dueA.id, dueB.id, dueC.id, dueD.id, later.id, canceled.id, started.id]]
        )
        expect(claims).toHaveLength(5)
        expect(claims.every((claim: any) => claim.sent_at)).toBe(true)
      })
    })

    it("a notification that fails is recorded, announced, and sent by the retry job's next run; the booking is untouched", async () => {
      const container = getContainer()
      const failed: any[] = []
      const eventBus = container.resolve(Modules.EVENT_BUS) as any
      const handler = async (event: any) => {
        failed.push(event.data)
      }
      eventBus.subscribe("resource_booking.notification.failed", handler, { subscriberId: "test-notification-failed" })

      // A channel no provider serves: the Notification Module refuses it.
      const key = `resource-booking.waitlist-offer:test-${Date.now()}`
      const { result } = await sendResourceBookingNotificationsWorkflow(container).run({
        input: {
          notifications: [
            { template_key: "resource-booking.waitlist-offer", to: "wait@example.com", channel: "sms", data: { entry_id: "x" }, idempotency_key: key },
          ],
        },
      })
      expect(result.sent).toEqual([])
      expect(result.failed).toHaveLength(1)
      const [row] = await outbox(key)
      expect(row).toMatchObject({ status: "FAILED", attempts: 1 })
      expect(row.last_error).toMatch(/provider/i)
      await waitFor(async () => failed.find((data) => data.idempotency_key === key))

      // Sending it again through the workflow adds nothing (same key); the retry job tries it again.
      await sendResourceBookingNotificationsWorkflow(container).run({
        input: {
          notifications: [
            { template_key: "resource-booking.waitlist-offer", to: "wait@example.com", channel: "sms", data: {}, idempotency_key: key },
          ],
        },
      })
      expect(await outbox(key)).toHaveLength(1)
      await sql(dbConfig.clientUrl, `UPDATE resource_booking_notification SET channel = 'email' WHERE idempotency_key = $1`, [key])
      const retried = await retryResourceBookingNotificationsJob(container)
      expect(retried.sent).toBeGreaterThanOrEqual(1)
      const [after] = await outbox(key)
      expect(after).toMatchObject({ status: "SENT", attempts: 2 })
      // Medusa keeps the failed try and records the successful one pointing at it.
      const records = (await container.resolve(Modules.NOTIFICATION).listNotifications({ to: "wait@example.com" } as any)) as any[]
      const failedRecord = records.find((record) => record.idempotency_key === key)
      expect(failedRecord.status).toBe("failure")
      const sentRecords = records.filter((record) => record.status === "success")
      expect(sentRecords).toHaveLength(1)
      expect(sentRecords[0]).toMatchObject({
        template: "resource-booking.waitlist-offer",
        channel: "email",
        original_notification_id: failedRecord.id,
        idempotency_key: `${key}:retry-2`,
      })
      expect(after.notification_id).toBe(sentRecords[0].id)
      // Nothing is left to retry.
      expect((await retryResourceBookingNotificationsJob(container)).sent).toBe(0)
      const notificationModule = container.resolve(RESOURCE_BOOKING_NOTIFICATIONS_MODULE)
      expect(notificationModule.getNotificationOptions().notifications.templates["resource-booking.confirmed"]).toBe(
        "resource-booking.confirmed"
      )
    })
  },
})
