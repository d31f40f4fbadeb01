import fs from "fs"
import path from "path"

/**
 * Finds the widget bundle built by `npm run build:widget` (Vite) beside the
 * compiled server: <...>/.medusa/server/widget/resource-booking-widget.{js,mjs}.
 * Looked for above this file (the plugin installed in an app, or the repo's
 * own build) and above the working directory (`medusa start` in
 * .medusa/server). When the server runs from TypeScript sources (`medusa
 * develop`, `npm run demo`), the bundle is made from src/widget with esbuild
 * (Vite's own bundler) once and kept in memory, so it always matches the
 * sources.
 */

export type WidgetFormat = "iife" | "esm"

const FILE: Record<WidgetFormat, string> = {
  iife: "resource-booking-widget.js",
  esm: "resource-booking-widget.mjs",
}

const cache = new Map<WidgetFormat, Promise<string>>()

function ancestors(start: string, depth = 10) {
  const out: string[] = []
  let dir = start
  for (let i = 0; i < depth; i++) {
    out.push(dir)
    const up = path.dirname(dir)
    if (up === dir) break
    dir = up
  }
  return out
}

function findBuilt(format: WidgetFormat): string | null {
  for (const dir of [...ancestors(__dirname), ...ancestors(process.cwd(), 3)]) {
    for (const candidate of [path.join(dir, "widget", FILE[format]), path.join(dir, ".medusa", "server", "widget", FILE[format])]) {
      if (fs.existsSync(candidate)) return candidate
    }
  }
  return null
}

function findSource(): string | null {
  for (const dir of [...ancestors(__dirname), ...ancestors(process.cwd(), 3)]) {
    const candidate = path.join(dir, "src", "widget", "index.ts")
    if (fs.existsSync(candidate)) return candidate
  }
  return null
}

async function buildFromSource(entry: string, format: WidgetFormat): Promise<string> {
  // esbuild comes with Vite (a devDependency): only used when running from sources.
  const esbuild = require("esbuild")
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format,
    globalName: format === "iife" ? "ResourceBookingWidget" : undefined,
    target: "es2019",
    minify: true,
    logLevel: "silent",
  })
  return result.outputFiles[0].text
}

/** The widget's JavaScript; rejects with a sentence when neither a build nor the sources are there. */
export function widgetBundle(format: WidgetFormat): Promise<string> {
  let found = cache.get(format)
  if (!found) {
    found = (async () => {
      const fromSources = __filename.endsWith(".ts")
      const source = fromSources ? findSource() : null
      if (source) return buildFromSource(source, format)
      const built = findBuilt(format)
      if (built) return fs.promises.readFile(built, "utf8")
      throw new Error("The booking widget is not built: run `npm run build:widget` (or `npm run build`).")
    })()
    found.catch(() => cache.delete(format))
    cache.set(format, found)
  }
  return found
}
