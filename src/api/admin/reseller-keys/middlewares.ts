import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { validateBody } from "../../utils/validators"
import { AdminCreateResellerKey, AdminListResellerKeys } from "./validators"

// Medusa protects /admin routes; these add validation.
export const resellerKeyRouteMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/reseller-keys", methods: ["GET"], middlewares: [validateAndTransformQuery(AdminListResellerKeys, {})] },
  { matcher: "/admin/reseller-keys", methods: ["POST"], middlewares: [validateBody(AdminCreateResellerKey)] },
]
