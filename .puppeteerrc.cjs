// Never download a browser (closed network); use Debian's Chromium, or PUPPETEER_EXECUTABLE_PATH.
const fs = require('node:fs');
const debian = '/usr/bin/chromium';
module.exports = {
  skipDownload: true,
  ...(process.env.PUPPETEER_EXECUTABLE_PATH
    ? { executablePath: process.env.PUPPETEER_EXECUTABLE_PATH }
    : fs.existsSync(debian)
      ? { executablePath: debian }
      : {}),
};
