// Secrets the product's functions read from their environment in the cloud (the personal-data keys). Locally
// they are generated once per data dir and kept beside the data, so encrypted records stay readable
// across restarts and no key is ever committed.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function functionSecrets(dataDir: string): Record<string, string> {
  const file = path.join(dataDir, 'function-secrets.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
  const secrets = {
    PERSONAL_DATA_KEY: randomBytes(32).toString('base64'),
    PERSONAL_DATA_HASH_KEY: randomBytes(32).toString('base64'),
  };
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
