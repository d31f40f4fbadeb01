import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { inputGuard } from "../utils/input-guard"
import { orderBookingItemRouteMiddlewares } from "./order-booking-items"
import { validateBody } from "../utils/validators"
import {
  AdminCancelAllocation,
  AdminCreateBlackout,
  AdminCreateResource,
  AdminGetCapacity,
  AdminGetManifest,
  AdminGetUtilization,
  AdminListWaitlist,
  AdminLinkVariantResource,
  AdminCreateRate,
  AdminUpdateRate,
  AdminLinkVariants,
  AdminUnlinkVariants,
  AdminListAllocations,
  AdminListAudit,
  AdminListBlackouts,
  AdminListHolds,
  AdminListResources,
  AdminListVariants,
  AdminSetCapacity,
  AdminUpdateResource,
  AdminListHours,
  AdminSetHours,
} from "./validators"

/**
 * The plugin's admin routes, as one RegExp (see PLUGIN_STORE_PATHS): its own
 * collections (/admin/resources, /admin/resource-*, /admin/reseller-keys)
 * and /admin/product-variants/:id/resources (Medusa's own
 * /admin/product-variants/:id is not ours).
 */
export const PLUGIN_ADMIN_PATHS =
  /^\/admin\/(?:resources|resource-[a-z-]+|reseller-keys|product-variants\/[^/]+\/(?:resources|rates))(?=\/|$)/

/** The ids the admin's paths name, by the segment before them. */
export const ADMIN_PATH_IDS = {
  resources: "resource",
  blackouts: "blackout",
  variants: "variant",
  "product-variants": "variant",
  "resource-holds": "hold",
  "resource-allocations": "allocation",
  "resource-waitlist": "waitlist_entry",
  "reseller-keys": "reseller_key",
} as const

// Medusa protects every /admin route (session, bearer token or secret API
// key); these add validation only.
export const adminRouteMiddlewares: MiddlewareRoute[] = [
  { matcher: PLUGIN_ADMIN_PATHS, middlewares: [inputGuard({ pathIds: ADMIN_PATH_IDS })] },
  { matcher: "/admin/resources", methods: ["GET"], middlewares: [validateAndTransformQuery(AdminListResources, {})] },
  { matcher: "/admin/resources", methods: ["POST"], middlewares: [validateBody(AdminCreateResource)] },
  { matcher: "/admin/resources/:id", methods: ["POST"], middlewares: [validateBody(AdminUpdateResource)] },
  {
    matcher: "/admin/resources/:id/capacity",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminGetCapacity, {})],
  },
  {
    matcher: "/admin/resources/:id/capacity",
    methods: ["POST"],
    middlewares: [validateBody(AdminSetCapacity)],
  },
  {
    matcher: "/admin/resources/:id/hours",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminListHours, {})],
  },
  {
    matcher: "/admin/resources/:id/hours/:date",
    methods: ["PUT"],
    middlewares: [validateBody(AdminSetHours)],
  },
  {
    matcher: "/admin/resources/:id/blackouts",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminListBlackouts, {})],
  },
  {
    matcher: "/admin/resources/:id/blackouts",
    methods: ["POST"],
    middlewares: [validateBody(AdminCreateBlackout)],
  },
  {
    matcher: "/admin/resources/:id/manifest",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminGetManifest, {})],
  },
  {
    matcher: "/admin/resources/:id/audit",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminListAudit, {})],
  },
  {
    matcher: "/admin/resources/:id/variants",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminListVariants, {})],
  },
  {
    matcher: "/admin/resources/:id/variants",
    methods: ["POST"],
    middlewares: [validateBody(AdminLinkVariants)],
  },
  {
    matcher: "/admin/resources/:id/variants",
    methods: ["DELETE"],
    middlewares: [validateBody(AdminUnlinkVariants)],
  },
  {
    matcher: "/admin/product-variants/:id/resources",
    methods: ["POST"],
    middlewares: [validateBody(AdminLinkVariantResource)],
  },
  { matcher: "/admin/product-variants/:id/rates", methods: ["POST"], middlewares: [validateBody(AdminCreateRate)] },
  { matcher: "/admin/product-variants/:id/rates/:rate_id", methods: ["POST"], middlewares: [validateBody(AdminUpdateRate)] },
  { matcher: "/admin/resource-holds", methods: ["GET"], middlewares: [validateAndTransformQuery(AdminListHolds, {})] },
  {
    matcher: "/admin/resource-waitlist",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminListWaitlist, {})],
  },
  {
    matcher: "/admin/resource-allocations",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminListAllocations, {})],
  },
  {
    matcher: "/admin/resource-allocations/:id/cancel",
    methods: ["POST"],
    middlewares: [validateBody(AdminCancelAllocation)],
  },
  {
    matcher: "/admin/resource-utilization",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminGetUtilization, {})],
  },
  ...orderBookingItemRouteMiddlewares,
]
