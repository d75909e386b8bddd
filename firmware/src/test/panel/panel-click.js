'use strict';
// Drives the box's panel page in Debian's headless Chromium through playwright-core (which uses
// the Chromium it is given and downloads none). Run by PanelChromiumTest:
//
//   node panel-click.js URL [SCREENSHOT.png]
//
// Opens the page, waits until its event stream is live, prints the glass ("LCD [...]"), clicks
// the OK button and waits until the LCD shows "PRESSED OK" (the Java side writes it when the key
// arrives, and only the event stream can bring it to the page), then types 7 on the keyboard
// and waits for "PRESSED 7" and the status line. Exit status 0 when all happened, 1 otherwise.
const { chromium } = require('playwright-core');

const url = process.argv[2];
const screenshot = process.argv[3];
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const WAIT = { timeout: 15000 };

// Runs in the page (Playwright sends its source there).
const lcdShows = (text) => document.getElementById('lcd').textContent.includes(text);

async function main() {
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    chromiumSandbox: false, // --no-sandbox: the tests run as root
    args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    timeout: 60000,
  });
  const problems = [];
  try {
    const page = await browser.newPage({ viewport: { width: 640, height: 760 } });
    const origin = new URL(url).origin;
    page.on('request', (r) => {
      if (!r.url().startsWith(origin + '/')) {
        problems.push('request to another site: ' + r.url());
      }
    });
    page.on('pageerror', (e) => problems.push('script error: ' + e.message));
    page.on('console', (m) => console.log('console: ' + m.text()));

    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.live === 'true', null, WAIT);
    const glass = () => page.$$eval('#lcd .row', (rows) => rows.map((r) => r.textContent));
    console.log('LCD ' + JSON.stringify(await glass()));

    await page.click('#key-OK');
    await page.waitForFunction(lcdShows, 'PRESSED OK', WAIT);
    console.log('CLICKED OK ' + JSON.stringify(await glass()));

    await page.keyboard.press('7');
    await page.waitForFunction(lcdShows, 'PRESSED 7', WAIT);
    await page.waitForFunction(
      (t) => document.getElementById('status').textContent === t, 'Last key: 7', WAIT);
    console.log('TYPED 7 ' + JSON.stringify(await glass()));

    if (screenshot) {
      await page.screenshot({ path: screenshot });
    }
  } finally {
    await browser.close();
  }
  if (problems.length > 0) {
    throw new Error(problems.join('; '));
  }
}

main().then(
  () => console.log('DONE'),
  (e) => {
    console.log('FAILED ' + (e && e.stack ? e.stack : e));
    process.exitCode = 1;
  });
