import { defineMiddlewares } from "@medusajs/framework/http"
import { adminRouteMiddlewares } from "./admin/route-middlewares"
import { octoRouteMiddlewares } from "./octo/route-middlewares"
import { widgetRouteMiddlewares } from "./resource-booking-widget/route-middlewares"
import { feedRouteMiddlewares } from "./resource-feeds/route-middlewares"
import { storeRouteMiddlewares } from "./store/route-middlewares"
import { resourceBookingErrorHandler } from "./utils/error-handler"

// The plugin's one middleware definition; each API surface keeps its list
// beside its routes (each starts with the input guard, src/api/utils/input-guard.ts).
export default defineMiddlewares({
  errorHandler: resourceBookingErrorHandler,
  routes: [
    ...storeRouteMiddlewares,
    ...adminRouteMiddlewares,
    ...octoRouteMiddlewares,
    ...feedRouteMiddlewares,
    ...widgetRouteMiddlewares,
  ],
})
