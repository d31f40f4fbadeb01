// Vite build of the booking widget (npm run build:widget): one framework-free
// bundle, as a classic script (IIFE, for a plain <script src> tag) and as an
// ES module (the package's "./widget" export), into .medusa/server/widget/
// (WIDGET_OUT_DIR overrides, e.g. for a harness copy of the app).
import { defineConfig } from "vite"
import path from "node:path"
import { fileURLToPath } from "node:url"

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, "..", "..")

export default defineConfig({
  configFile: false,
  publicDir: false,
  logLevel: "warn",
  build: {
    outDir: process.env.WIDGET_OUT_DIR || path.join(root, ".medusa", "server", "widget"),
    emptyOutDir: true,
    target: "es2019",
    minify: true,
    sourcemap: false,
    lib: {
      entry: path.join(here, "index.ts"),
      name: "ResourceBookingWidget",
      formats: ["iife", "es"],
      fileName: (format) => (format === "es" ? "resource-booking-widget.mjs" : "resource-booking-widget.js"),
    },
  },
})
