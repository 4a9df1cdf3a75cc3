import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { startMailFolder } from './mail-folder';

describe("npm start's mail folder", () => {
  it('accepts mail over SMTP and writes each message whole to its own .eml file', async () => {
    const folder = await startMailFolder(join(mkdtempSync(join(tmpdir(), 'mail-folder-')), 'mail'));
    const transport = createTransport(folder.url);
    try {
      for (const subject of ['Order #1001 confirmed', 'Order #1002 confirmed']) {
        await transport.sendMail({ from: 'no-reply@shop.test', to: 'shopper@example.com', subject, text: `Thanks! ${subject}` });
      }
      const files = readdirSync(folder.dir).sort();
      expect(files).toEqual([expect.stringMatching(/-1\.eml$/), expect.stringMatching(/-2\.eml$/)]);
      const first = readFileSync(join(folder.dir, files[0]!), 'utf8');
      expect(first).toMatch(/^Subject: Order #1001 confirmed$/m);
      expect(first).toMatch(/^To: shopper@example.com$/m);
      expect(first).toContain('Thanks! Order #1001 confirmed');
    } finally {
      transport.close();
      await folder.close();
    }
  });
});
