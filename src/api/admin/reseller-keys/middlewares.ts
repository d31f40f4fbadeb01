import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { validateBody } from "../../utils/validators"
import { AdminCreateResellerKey, AdminListResellerKeys, AdminListResellers, AdminRotateResellerKey } from "./validators"

// Medusa protects /admin routes; these add validation.
export const resellerKeyRouteMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/reseller-keys", methods: ["GET"], middlewares: [validateAndTransformQuery(AdminListResellerKeys, {})] },
  { matcher: "/admin/reseller-keys", methods: ["POST"], middlewares: [validateBody(AdminCreateResellerKey)] },
  { matcher: "/admin/reseller-keys/:id/rotate", methods: ["POST"], middlewares: [validateBody(AdminRotateResellerKey)] },
  { matcher: "/admin/resellers", methods: ["GET"], middlewares: [validateAndTransformQuery(AdminListResellers, {})] },
]
