import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { AdminCreateResellerKey, AdminListResellerKeys } from "./validators"

// Medusa protects /admin routes; these add validation.
export const resellerKeyRouteMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/reseller-keys", methods: ["GET"], middlewares: [validateAndTransformQuery(AdminListResellerKeys, {})] },
  { matcher: "/admin/reseller-keys", methods: ["POST"], middlewares: [validateAndTransformBody(AdminCreateResellerKey)] },
]
