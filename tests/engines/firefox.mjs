// Runs tests/engines/scenario.py's steps in Debian's Firefox ESR, driven by puppeteer-core over
// WebDriver BiDi (no browser download). Usage: node firefox.mjs BASE_URL STEPS.json PROFILE_DIR
// Prints {reads} or {error, step} as JSON on stdout.
import { readFileSync } from "node:fs";
import puppeteer from "puppeteer-core";

const [base, stepsFile, profile] = process.argv.slice(2);
const steps = JSON.parse(readFileSync(stepsFile, "utf8"));
const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: process.env.FIREFOX || "/usr/bin/firefox-esr",
  headless: true,
  userDataDir: profile,
  extraPrefsFirefox: { "browser.download.folderList": 2, "browser.download.dir": profile,
                       "browser.download.useDownloadDir": true },
});
const reads = {};
let current = null;
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 360, height: 740 });
  for (const step of steps) {
    current = step;
    if (step.goto !== undefined) await page.goto(base + step.goto, { waitUntil: "load" });
    else if (step.reload) await page.reload({ waitUntil: "load" });
    else if (step.run !== undefined) await page.evaluate(`(() => { ${step.run} })()`);
    else if (step.wait !== undefined) await page.waitForFunction(step.wait, { timeout: step.timeout || 30000, polling: 100 });
    else if (step.read !== undefined) reads[step.as] = await page.evaluate(`(${step.read})`);
  }
  reads.user_agent = await page.evaluate("navigator.userAgent");
  console.log(JSON.stringify({ reads }));
} catch (err) {
  console.log(JSON.stringify({ error: String(err && err.stack || err), step: current, reads }));
} finally {
  await browser.close();
}
