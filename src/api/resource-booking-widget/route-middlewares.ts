import { MiddlewareRoute } from "@medusajs/framework/http"
import { inputGuard } from "../utils/input-guard"

// Middlewares of the /resource-booking-widget routes (validation, authentication), beside them.
export const widgetRouteMiddlewares: MiddlewareRoute[] = [
  { matcher: /^\/resource-booking-widget(?=\/|$)/, middlewares: [inputGuard()] },
]
