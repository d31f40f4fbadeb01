"use strict"
/**
 * Named steps for the harness's own tests (browser tests): each step runs,
 * prints `ok` or `FAIL` with its time, keeps a screenshot of the current page
 * when it fails, and `finish()` prints the `N passed, N failed` line CI sums
 * and exits with the outcome.
 *
 *   const { step, expect, setPage, fail, finish } = steps({ shots: dir })
 */
const path = require("path")
const { REPO_ROOT } = require("../../scripts/lib/database")

function steps({ shots }) {
  const results = []
  let page = null

  async function step(name, fn) {
    const started = Date.now()
    try {
      await fn()
      results.push({ name, ok: true })
      console.log(`  ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
      return true
    } catch (error) {
      results.push({ name, ok: false, error })
      if (page) {
        const file = path.join(shots, `failed-${results.length}.png`)
        await page.screenshot({ path: file, fullPage: true }).catch(() => {})
        console.log(`       screenshot: ${path.relative(REPO_ROOT, file)}`)
      }
      console.log(`  FAIL ${name}\n       ${String(error && error.stack ? error.stack : error).split("\n").slice(0, 6).join("\n       ")}`)
      return false
    }
  }

  return {
    step,
    expect(condition, message) {
      if (!condition) throw new Error(message)
    },
    /** The page a failing step screenshots. */
    setPage(p) {
      page = p
    },
    /** Records a failure outside any step (setup). */
    fail(name, error) {
      results.push({ name, ok: false, error })
      console.error(error)
    },
    finish() {
      const passed = results.filter((r) => r.ok).length
      const failed = results.length - passed
      console.log(`${passed} passed, ${failed} failed`)
      process.exit(failed ? 1 : 0)
    },
  }
}

module.exports = { steps }
