/** The demo storefront page's HTML (no framework: the widget's script tag and a few lines of event logging). */

export type DemoProduct = {
  id: string
  title: string
  description: string
  variants: { id: string; title: string; resources: string[] }[]
}

/** Inline, so that the browser asks the server for no /favicon.ico (a 404 in the console). */
const FAVICON =
  "data:image/svg+xml," +
  encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b6e4f"/><path d="M8 10h16v14H8z" fill="none" stroke="#fff" stroke-width="2.5"/><path d="M8 15h16M13 7v5M19 7v5" stroke="#fff" stroke-width="2.5"/></svg>`
  )

const esc = (s: unknown) =>
  String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!)

export function demoPage({
  publishableKey,
  region,
  products,
  locale,
}: {
  publishableKey?: string
  region?: { id: string; name: string; currency_code: string }
  products: DemoProduct[]
  locale: string
}) {
  const problems: string[] = []
  if (!publishableKey) problems.push("The store has no publishable API key: create one in the admin (Settings → Publishable API Keys) and link it to a sales channel.")
  if (!region) problems.push("The store has no region: create one in the admin (Settings → Regions) with the system payment provider.")
  if (!products.length) problems.push("No published product has a variant linked to a resource: link one on a resource's page in the admin (Variants).")
  const cards = products
    .map(
      (p) => `
    <article class="product" id="product-${esc(p.id)}" data-product-id="${esc(p.id)}">
      <h2>${esc(p.title)}</h2>
      ${p.description ? `<p class="description">${esc(p.description)}</p>` : ""}
      ${p.variants
        .map(
          (v) => `
      <div class="variant" data-variant-id="${esc(v.id)}">
        <p class="books">${esc(v.title)}: books ${esc(v.resources.join(", "))}</p>
        <resource-booking-widget
          publishable-key="${esc(publishableKey ?? "")}"
          variant-id="${esc(v.id)}"
          ${region ? `region-id="${esc(region.id)}"` : ""}
          locale="${esc(locale)}"
          demo-payment></resource-booking-widget>
      </div>`
        )
        .join("")}
    </article>`
    )
    .join("")
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Book a tour: resource booking demo</title>
<link rel="icon" href="${FAVICON}">
<style>
  body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #f8fafc; color: #0f172a; }
  header { background: #0b6e4f; color: #fff; padding: 1rem 1.25rem; }
  header h1 { margin: 0; font-size: 1.4rem; }
  header p { margin: .25rem 0 0; opacity: .9; }
  main { max-width: 72rem; margin: 0 auto; padding: 1rem; display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 30rem), 1fr)); gap: 1rem; }
  .product { background: #fff; border: 1px solid #e2e8f0; border-radius: 12px; padding: 1rem; }
  .product h2 { margin: 0 0 .25rem; font-size: 1.2rem; }
  .description, .books { color: #475569; margin: .25rem 0 .75rem; }
  .variant + .variant { margin-top: 1.25rem; }
  resource-booking-widget { --rbw-accent: #0b6e4f; }
  .problems { background: #fff7ed; border: 1px solid #fdba74; border-radius: 12px; padding: 1rem; grid-column: 1 / -1; }
  #events { grid-column: 1 / -1; font: 12px/1.5 ui-monospace, monospace; background: #0f172a; color: #e2e8f0; border-radius: 12px; padding: .75rem; max-height: 12rem; overflow: auto; white-space: pre-wrap; }
</style>
</head>
<body>
<header>
  <h1>Book a tour</h1>
  <p>Demo storefront of the resource booking plugin: pick dates, hold them, and book with the demo payment; a sold-out date offers the waitlist.${region ? ` Prices in ${esc(region.currency_code.toUpperCase())} (${esc(region.name)}).` : ""}</p>
</header>
<main>
  ${problems.length ? `<section class="problems" role="alert"><h2>Not ready yet</h2><ul>${problems.map((p) => `<li>${esc(p)}</li>`).join("")}</ul></section>` : ""}
  ${cards}
  <section aria-label="Widget events"><pre id="events" aria-live="off">Events the widgets dispatch appear here.\n</pre></section>
</main>
<script src="/resource-booking-widget/widget.js"></script>
<script>
  for (const name of ["hold-created", "hold-expired", "added-to-cart", "order-placed", "waitlist-joined"]) {
    document.addEventListener(name, (e) => {
      document.getElementById("events").textContent += new Date().toLocaleTimeString() + "  " + name + "  " + JSON.stringify(e.detail) + "\\n"
    })
  }
</script>
</body>
</html>
`
}
