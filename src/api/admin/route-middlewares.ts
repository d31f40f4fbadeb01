import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import {
  AdminCancelAllocation,
  AdminCreateBlackout,
  AdminCreateResource,
  AdminGetCapacity,
  AdminGetManifest,
  AdminGetUtilization,
  AdminListWaitlist,
  AdminLinkVariantResource,
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
} from "./validators"

// Medusa protects every /admin route (session, bearer token or secret API
// key); these add validation only.
export const adminRouteMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/resources", methods: ["GET"], middlewares: [validateAndTransformQuery(AdminListResources, {})] },
  { matcher: "/admin/resources", methods: ["POST"], middlewares: [validateAndTransformBody(AdminCreateResource)] },
  { matcher: "/admin/resources/:id", methods: ["POST"], middlewares: [validateAndTransformBody(AdminUpdateResource)] },
  {
    matcher: "/admin/resources/:id/capacity",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminGetCapacity, {})],
  },
  {
    matcher: "/admin/resources/:id/capacity",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminSetCapacity)],
  },
  {
    matcher: "/admin/resources/:id/blackouts",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminListBlackouts, {})],
  },
  {
    matcher: "/admin/resources/:id/blackouts",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminCreateBlackout)],
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
    middlewares: [validateAndTransformBody(AdminLinkVariants)],
  },
  {
    matcher: "/admin/resources/:id/variants",
    methods: ["DELETE"],
    middlewares: [validateAndTransformBody(AdminUnlinkVariants)],
  },
  {
    matcher: "/admin/product-variants/:id/resources",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminLinkVariantResource)],
  },
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
    middlewares: [validateAndTransformBody(AdminCancelAllocation)],
  },
  {
    matcher: "/admin/resource-utilization",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminGetUtilization, {})],
  },
]
