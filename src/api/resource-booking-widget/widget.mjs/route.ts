import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendWidget } from "../serve"

/** GET /resource-booking-widget/widget.mjs: the widget as an ES module (`<script type="module">`, `import`). */
export const GET = (req: MedusaRequest, res: MedusaResponse) => sendWidget(req, res, "esm")
