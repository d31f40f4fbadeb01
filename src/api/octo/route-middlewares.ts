import { MiddlewareRoute } from "@medusajs/framework/http"
import { inputGuard, InputRefusal } from "../utils/input-guard"
import { authenticateOcto } from "./lib/auth"
import { badRequest, invalidProduct } from "../../lib/octo/errors"
import { resellerKeyRouteMiddlewares } from "../admin/reseller-keys/middlewares"

/** The input guard's refusals in OCTo's words: BAD_REQUEST naming the field; an unknown product INVALID_PRODUCT_ID. */
function answerInOcto(refusal: InputRefusal, res: any) {
  const error = refusal.status === 404 ? invalidProduct(refusal.id) : badRequest(refusal.message)
  res.status(error.status).json(error.body())
}

// Middlewares of the /octo routes (reseller key authentication: every /octo
// route refuses a request without a valid key before it runs; then the input
// guard), and of the admin's reseller keys.
// Both are RegExp matchers: a string matcher such as "/octo*" has a parameter
// that express decodes first, and a malformed percent-encoding would end there.
const OCTO_PATHS = /^\/octo(?=\/|$)/

export const octoRouteMiddlewares: MiddlewareRoute[] = [
  { matcher: OCTO_PATHS, middlewares: [authenticateOcto] },
  { matcher: OCTO_PATHS, middlewares: [inputGuard({ pathIds: { products: "product" }, answer: answerInOcto })] },
  ...resellerKeyRouteMiddlewares,
]
