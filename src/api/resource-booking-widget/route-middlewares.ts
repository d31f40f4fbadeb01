import { MiddlewareRoute } from "@medusajs/framework/http"

// Middlewares of the /resource-booking-widget routes (validation, authentication), beside them.
export const widgetRouteMiddlewares: MiddlewareRoute[] = []
