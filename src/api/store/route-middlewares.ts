import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { rejectHostileInput } from "./utils/reject-hostile-input"
import {
  StoreAvailabilityQuery,
  StoreCreateResourceBooking,
  StoreCreateResourceHold,
  StoreCreateWaitlistEntry,
  StoreEmptyBody,
  StoreExtendResourceHold,
  StoreGetResourceQuery,
  StoreListResourcesQuery,
  StoreVariantAvailabilityQuery,
} from "./validators"

// The plugin's store routes, as one RegExp: Medusa sorts RegExp matchers
// before the static and parameter routes of the same namespace, so the guard
// runs before any `:id` is decoded (express answers a malformed
// percent-encoding in a parameter with a 500). No capture groups (express
// would decode them as parameters), and the match ends at a segment boundary
// (express skips a `use` layer whose match is followed by anything but "/").
export const PLUGIN_STORE_PATHS =
  /^\/store\/(?:resources|resource-holds|resource-waitlist|carts\/[^/]+\/resource-bookings|product-variants\/[^/]+\/resource-availability)(?=\/|$)/

export const storeRouteMiddlewares: MiddlewareRoute[] = [
  { matcher: PLUGIN_STORE_PATHS, middlewares: [rejectHostileInput] },
  {
    matcher: "/store/resources",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(StoreListResourcesQuery, {})],
  },
  {
    matcher: "/store/resources/:id",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(StoreGetResourceQuery, {})],
  },
  {
    matcher: "/store/resources/:id/availability",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(StoreAvailabilityQuery, {})],
  },
  {
    matcher: "/store/resource-holds",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(StoreCreateResourceHold)],
  },
  {
    matcher: "/store/resource-holds/:id",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(StoreGetResourceQuery, {})],
  },
  {
    matcher: "/store/resource-holds/:id/release",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(StoreEmptyBody)],
  },
  {
    matcher: "/store/resource-holds/:id/extend",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(StoreExtendResourceHold)],
  },
  {
    matcher: "/store/product-variants/:id/resource-availability",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(StoreVariantAvailabilityQuery, {})],
  },
  {
    matcher: "/store/resource-waitlist",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(StoreCreateWaitlistEntry)],
  },
  {
    matcher: "/store/resource-waitlist/:id",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(StoreGetResourceQuery, {})],
  },
  {
    matcher: "/store/resource-waitlist/:id/leave",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(StoreEmptyBody)],
  },
  {
    matcher: "/store/carts/:id/resource-bookings",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(StoreCreateResourceBooking)],
  },
]
