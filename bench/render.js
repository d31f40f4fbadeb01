#!/usr/bin/env node
"use strict"
/**
 * Prints bench/results.json (or the file named) as the Markdown used in
 * docs/PERFORMANCE.md.
 *
 *   node bench/render.js [FILE[,FILE…]] [--before=FILE[,FILE…] | --before=git:REV]
 *
 * With --before, prints instead the ratios of the two sides next to each
 * other (each ratio is against a baseline of its own run, so they compare
 * across runs); git:REV reads bench/results.json as committed at REV. With
 * several runs on a side (alternate them: before, after, before, after), each
 * cell is the mean over that side's runs, followed by the runs' own values.
 */
const fs = require("fs")
const path = require("path")
const { execFileSync } = require("child_process")

const args = process.argv.slice(2)
const before = (args.find((a) => a.startsWith("--before=")) || "").slice("--before=".length)
const file = args.find((a) => !a.startsWith("--")) || path.join(__dirname, "results.json")
const load = (f) =>
  JSON.parse(f.startsWith("git:") ? execFileSync("git", ["show", `${f.slice(4)}:bench/results.json`], { cwd: path.join(__dirname, "..") }).toString() : fs.readFileSync(f, "utf8"))
const loadAll = (list) => list.split(",").map(load)
const runs = loadAll(file)
const r = runs[0]
const line = (cells) => `| ${cells.map((c) => String(c ?? "–")).join(" | ")} |`
const table = (rows) => [line(rows[0]), line(rows[0].map(() => "---")), ...rows.slice(1).map(line)].join("\n")

if (before) {
  const befores = loadAll(before)
  const round = (v) => Math.round(v * 1000) / 1000
  const mean = (values) => (values.length ? round(values.reduce((a, b) => a + b, 0) / values.length) : null)
  // "0.52 (0.51, 0.54)": the mean, then each run's value when there are several.
  const cell = (values) => (values.length ? `${mean(values)}${values.length > 1 ? ` (${values.join(", ")})` : ""}` : "–")
  const valuesOf = (side, name, key) => side.map((run) => run.scenarios[name]?.[key]).filter((v) => v != null)
  const RATIOS = [["ratio_to_baseline", "to baseline"], ["ratio_to_peer", "to peer"], ["ratio_to_floor", "to floor"], ["ratio_to_plain", "to plain checkout"]]
  const rows = [["scenario", "ratio", "before", "after", "change", "ops/s before → after"]]
  const names = [...new Set([...befores, ...runs].flatMap((run) => Object.keys(run.scenarios)))]
  for (const name of names) {
    for (const [key, label] of RATIOS) {
      const v0 = valuesOf(befores, name, key)
      const v1 = valuesOf(runs, name, key)
      if (!v0.length && !v1.length) continue
      const [m0, m1] = [mean(v0), mean(v1)]
      const change = m0 != null && m1 != null ? `${m1 >= m0 ? "+" : ""}${Math.round((100 * (m1 - m0)) / m0)} %` : "new"
      rows.push([name, label, cell(v0), cell(v1), change, `${mean(valuesOf(befores, name, "ops_per_s")) ?? "–"} → ${mean(valuesOf(runs, name, "ops_per_s")) ?? "–"}`])
    }
  }
  console.log(table(rows))
  const describe = (side) => side.map((x) => `${x.generated_at} (${x.mode}${x.app ? `, ${x.app.ref} at ${x.app.head}` : ""})`).join("; ")
  console.log(`\nbefore: ${describe(befores)}\nafter: ${describe(runs)}`)
  process.exit(0)
}

const rows = [["scenario", "clients", "requests", "ops/s", "p50 ms", "p99 ms", "5xx", "oversold", "baseline ops/s", "ratio to baseline", "peer ops/s", "ratio to peer", "ratio to floor (checkout: to plain)", "server peak RSS MB"]]
for (const [name, s] of Object.entries(r.scenarios)) {
  rows.push([name, s.clients, s.requests, s.ops_per_s, s.p50_ms, s.p99_ms, s.errors_5xx, s.oversold, s.baseline?.ops_per_s ?? "–", s.ratio_to_baseline ?? "–", s.peer?.ops_per_s ?? "–", s.ratio_to_peer ?? "–", s.ratio_to_floor ?? s.ratio_to_plain ?? "–", s.peak_rss_mb ?? "–"])
}
console.log(table(rows))
for (const [name, why] of Object.entries(r.not_measured || {})) console.log(`\n${name}: ${why}`)
console.log(`\nGenerated ${r.generated_at} (${r.mode}${r.app ? `; app: ${r.app.ref}, HEAD ${r.app.head}` : ""}); ${r.machine.cpus} CPUs (${r.machine.cpu_model}), Node ${r.machine.node}, PostgreSQL ${r.machine.postgres}; load average ${r.machine.load_avg_at_start.join(" / ")} at start, ${r.machine.load_avg_at_end.join(" / ")} at end; server RSS idle ${r.machine.server_rss_idle_mb ?? "?"} MB, after warm-up ${r.machine.server_rss_after_warmup_mb ?? "?"} MB.`)
console.log("\n| target | scenario | value | met |\n| --- | --- | --- | --- |")
for (const t of r.targets) console.log(`| ${t.target} | ${t.scenario} | ${t.value ?? "not measured"} | ${t.met === null ? "n/a" : t.met ? "met" : "**not met**"} |`)
