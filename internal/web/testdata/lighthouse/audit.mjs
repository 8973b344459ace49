// Lighthouse audits for TestLighthouse (internal/web): one Chromium and one
// Node for every page of a run, instead of one of each per audit (each took
// about 7 of an audit's 20 seconds). It reads one audit a line on stdin, an
// address and, after a space, the CPU slowdown to simulate (Lighthouse's
// default for a phone is 4), and answers each with one line of JSON on
// stdout: {"url": …, "scores": {"performance": 0.98, …}, "benchmark":
// 1469, "lost": […]} or {"url": …, "error": "…"}. "benchmark" is the
// speed Lighthouse measured this machine at, in this audit. Chromium is
// CHROME_PATH, started with the flags the Lighthouse command line gets.
import lighthouse from 'lighthouse';
import * as constants from 'lighthouse/core/config/constants.js';
import * as chromeLauncher from 'chrome-launcher';
import readline from 'node:readline';

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
});
const flags = {
  port: chrome.port,
  output: 'json',
  logLevel: 'error',
  onlyCategories: ['performance', 'accessibility', 'best-practices'],
  // The screenshot of the whole page is for the report's pictures: no
  // score reads it, and it took 1.6 s an audit.
  disableFullPageScreenshot: true,
};

try {
  for await (const req of readline.createInterface({ input: process.stdin })) {
    const [url, slowdown] = req.trim().split(/\s+/);
    if (!url) continue;
    let line;
    try {
      const config = {
        extends: 'lighthouse:default',
        settings: { throttling: { ...constants.throttling.mobileSlow4G, cpuSlowdownMultiplier: Number(slowdown) || 4 } },
      };
      const { lhr } = await lighthouse(url, flags, config);
      if (lhr.runtimeError) {
        line = { url, error: lhr.runtimeError.message };
      } else {
        const scores = {};
        for (const [k, c] of Object.entries(lhr.categories)) scores[k] = c.score;
        // What cost each category points, for the test's message.
        const lost = [];
        for (const a of Object.values(lhr.audits)) {
          if (typeof a.score === 'number' && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual') {
            lost.push(`${a.id} ${a.score}${a.displayValue ? ' (' + a.displayValue + ')' : ''}`);
          }
        }
        line = { url, scores, benchmark: lhr.environment.benchmarkIndex, lost };
      }
    } catch (e) {
      line = { url, error: String((e && e.message) || e) };
    }
    process.stdout.write(JSON.stringify(line) + '\n');
  }
} finally {
  await chrome.kill();
}
