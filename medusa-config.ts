import { defineConfig, loadEnv, Modules } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

/**
 * This root config runs `./src` as a Medusa app: for development, the demo
 * and the HTTP tests. An app that installs the packaged plugin registers it
 * under `plugins` instead (see README).
 */
const resourceBookingOptions = {
  holdTtlMinutes: process.env.RESOURCE_BOOKING_HOLD_TTL_MINUTES
    ? Number(process.env.RESOURCE_BOOKING_HOLD_TTL_MINUTES)
    : 30,
  timezone: process.env.RESOURCE_BOOKING_TIMEZONE || "Australia/Brisbane",
  releaseCapacityOnOrderCancel:
    process.env.RESOURCE_BOOKING_RELEASE_ON_CANCEL === "true",
  ...(process.env.RESOURCE_BOOKING_MAX_HOLDS_PER_CUSTOMER
    ? { maxActiveHoldsPerCustomer: Number(process.env.RESOURCE_BOOKING_MAX_HOLDS_PER_CUSTOMER) }
    : {}),
  ...(process.env.RESOURCE_BOOKING_MAX_HOLDS_PER_CLIENT
    ? { maxActiveHoldsPerClient: Number(process.env.RESOURCE_BOOKING_MAX_HOLDS_PER_CLIENT) }
    : {}),
  ...(process.env.RESOURCE_BOOKING_MAX_HOLDS_PER_RESELLER_KEY
    ? { maxActiveHoldsPerResellerKey: Number(process.env.RESOURCE_BOOKING_MAX_HOLDS_PER_RESELLER_KEY) }
    : {}),
  ...(process.env.RESOURCE_BOOKING_TRUSTED_PROXIES
    ? { trustedProxies: process.env.RESOURCE_BOOKING_TRUSTED_PROXIES.split(",").map((p) => p.trim()).filter(Boolean) }
    : {}),
}

const redisUrl = process.env.REDIS_URL

// With Redis, several server processes can run side by side: events, workflow
// state and locks are shared through it. Booking correctness never depends on
// these (PostgreSQL decides), but Medusa's own flows do.
const redisModules = redisUrl
  ? [
      {
        resolve: "@medusajs/medusa/event-bus-redis",
        key: Modules.EVENT_BUS,
        options: { redisUrl },
      },
      {
        resolve: "@medusajs/medusa/workflow-engine-redis",
        key: Modules.WORKFLOW_ENGINE,
        options: { redis: { redisUrl } },
      },
      {
        resolve: "@medusajs/medusa/locking",
        key: Modules.LOCKING,
        options: {
          providers: [
            {
              resolve: "@medusajs/medusa/locking-redis",
              id: "locking-redis",
              is_default: true,
              options: { redisUrl },
            },
          ],
        },
      },
    ]
  : []

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    redisUrl,
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000",
      authCors: process.env.AUTH_CORS || "http://localhost:9000",
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  admin: {
    disable: process.env.MEDUSA_ADMIN_DISABLE === "true",
  },
  modules: [
    {
      resolve: "./src/modules/resource_booking",
      options: resourceBookingOptions,
    },
    // Confirmation, reminder, cancel, waitlist-offer and needs-review
    // notifications, their retries, and the calendar feeds (docs/NOTIFICATIONS.md).
    {
      resolve: "./src/modules/resource_booking_notifications",
      options: {
        reminderHoursBefore: process.env.RESOURCE_BOOKING_REMINDER_HOURS_BEFORE
          ? Number(process.env.RESOURCE_BOOKING_REMINDER_HOURS_BEFORE)
          : 24,
        // The offer email's link: the shop's page with the booking widget
        // (`npm run demo` sets it to the demo page; docs/NOTIFICATIONS.md).
        waitlistOfferUrl: process.env.RESOURCE_BOOKING_WAITLIST_OFFER_URL || null,
        notifications: {
          enabled: process.env.RESOURCE_BOOKING_NOTIFICATIONS !== "false",
          // The demo's server log shows each booking.ics.
          logAttachments: process.env.NODE_ENV !== "production",
        },
      },
    },
    // Medusa's local provider logs every notification (email and the admin's
    // feed) instead of sending it: what Medusa's starter does. A shop puts
    // SendGrid, Resend or any provider for "email" here instead.
    {
      resolve: "@medusajs/medusa/notification",
      options: {
        providers: [
          {
            resolve: "@medusajs/medusa/notification-local",
            id: "local",
            options: { name: "Local Notification Provider", channels: ["email", "feed"] },
          },
        ],
      },
    },
    // OCTo supplier API: reseller keys and OCTo booking records (docs/OCTO.md).
    { resolve: "./src/modules/octo" },
    ...redisModules,
  ],
})
