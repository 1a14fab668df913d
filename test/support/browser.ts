import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, never a downloaded browser; flags keep it off the (closed) network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Why browser tests cannot run here, or null when they can. On CI the browser must be there. */
export function browserUnavailableReason(): string | null {
  if (fs.existsSync(CHROMIUM_PATH)) return null;
  const reason = `${CHROMIUM_PATH} not found (install Debian's chromium and fonts-wqy-microhei, as .ci/run does)`;
  if (process.env.CI === 'true') throw new Error(`CI: ${reason}`);
  return reason;
}
