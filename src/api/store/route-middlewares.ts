import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { inputGuard } from "../utils/input-guard"
import { validateBody } from "../utils/validators"
import {
  StoreAvailabilityQuery,
  StoreCreateResourceBooking,
  StoreCreateResourceHold,
  StoreCreateWaitlistEntry,
  StoreEmptyBody,
  StoreExtendResourceHold,
  StoreGetResourceQuery,
  StoreListResourcesQuery,
  StoreSlotsQuery,
  StoreVariantAvailabilityQuery,
} from "./validators"

// The plugin's store routes, as one RegExp: Medusa sorts RegExp matchers
// before the static and parameter routes of the same namespace, so the guard
// runs before any `:id` is decoded (express answers a malformed
// percent-encoding in a parameter with a 500). No capture groups (express
// would decode them as parameters), and the match ends at a segment boundary
// (express skips a `use` layer whose match is followed by anything but "/").
// Medusa's own /store/carts/:id and /store/product-variants/:id are not ours.
export const PLUGIN_STORE_PATHS =
  /^\/store\/(?:resources|resource-[a-z-]+|carts\/[^/]+\/resource-bookings|product-variants\/[^/]+\/(?:resource-[a-z-]+|slots))(?=\/|$)/

/** The ids the store's paths name, by the segment before them. */
export const STORE_PATH_IDS = {
  resources: "resource",
  "resource-holds": "hold",
  "resource-waitlist": "waitlist_entry",
  carts: "cart",
  "product-variants": "variant",
} as const

export const storeRouteMiddlewares: MiddlewareRoute[] = [
  { matcher: PLUGIN_STORE_PATHS, middlewares: [inputGuard({ pathIds: STORE_PATH_IDS })] },
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
    matcher: "/store/resources/:id/slots",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(StoreSlotsQuery, {})],
  },
  {
    matcher: "/store/product-variants/:id/slots",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(StoreSlotsQuery, {})],
  },
  {
    matcher: "/store/resource-holds",
    methods: ["POST"],
    middlewares: [validateBody(StoreCreateResourceHold)],
  },
  {
    matcher: "/store/resource-holds/:id",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(StoreGetResourceQuery, {})],
  },
  {
    matcher: "/store/resource-holds/:id/release",
    methods: ["POST"],
    middlewares: [validateBody(StoreEmptyBody)],
  },
  {
    matcher: "/store/resource-holds/:id/extend",
    methods: ["POST"],
    middlewares: [validateBody(StoreExtendResourceHold)],
  },
  {
    matcher: "/store/product-variants/:id/resource-availability",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(StoreVariantAvailabilityQuery, {})],
  },
  {
    matcher: "/store/resource-waitlist",
    methods: ["POST"],
    middlewares: [validateBody(StoreCreateWaitlistEntry)],
  },
  {
    matcher: "/store/resource-waitlist/:id",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(StoreGetResourceQuery, {})],
  },
  {
    matcher: "/store/resource-waitlist/:id/leave",
    methods: ["POST"],
    middlewares: [validateBody(StoreEmptyBody)],
  },
  {
    matcher: "/store/carts/:id/resource-bookings",
    methods: ["POST"],
    middlewares: [validateBody(StoreCreateResourceBooking)],
  },
]
