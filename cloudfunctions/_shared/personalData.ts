// Sensitive personal information (ID card, phone, bank card): stored encrypted, looked up by keyed hash,
// shown masked. Nothing here logs: errors never carry the plain value or a key.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

export type PersonalDataKind = 'idCard' | 'phone' | 'bankCard';

export interface PersonalDataKeys {
  /** AES-256-GCM key for stored values */
  encryptionKey: Buffer;
  /** HMAC-SHA256 key for look-up hashes; distinct from the encryption key */
  hashKey: Buffer;
}

// The version names the format and key generation: rotating the key means a new version whose key is read
// beside the old one, so stored v1 values stay readable while they are re-encrypted.
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** Decodes a 32-byte key given as 64 hex chars or base64; throws naming the variable, never its value. */
function decodeKey(env: Record<string, string | undefined>, name: string): Buffer {
  const raw = env[name]?.trim();
  if (!raw) throw new Error(`${name} is not set in the function's environment`);
  const key = /^[0-9a-fA-F]{64}$/.test(raw)
    ? Buffer.from(raw, 'hex')
    : /^[A-Za-z0-9+/_-]+={0,2}$/.test(raw)
      ? Buffer.from(raw, 'base64')
      : undefined;
  if (!key || key.length !== KEY_BYTES) {
    throw new Error(`${name} must be ${KEY_BYTES} bytes, given as base64 or 64 hex characters`);
  }
  return key;
}

/** Reads PERSONAL_DATA_KEY and PERSONAL_DATA_HASH_KEY from an environment (normally process.env). */
export function loadKeys(env: Record<string, string | undefined>): PersonalDataKeys {
  const encryptionKey = decodeKey(env, 'PERSONAL_DATA_KEY');
  const hashKey = decodeKey(env, 'PERSONAL_DATA_HASH_KEY');
  // One key for two algorithms would let a weakness in one spill into the other.
  if (encryptionKey.equals(hashKey)) {
    throw new Error('PERSONAL_DATA_HASH_KEY must differ from PERSONAL_DATA_KEY');
  }
  return { encryptionKey, hashKey };
}

/** Encrypts with AES-256-GCM under a fresh random IV into `v1:<iv>:<tag>:<ciphertext>` (base64url parts). */
export function encrypt(plain: string, key: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString('base64url'), tag.toString('base64url'), ct.toString('base64url')].join(':');
}

/** Decrypts what `encrypt` produced; throws if the text is malformed, tampered with or under another key. */
export function decrypt(cipherText: string, key: Buffer): string {
  const parts = cipherText.split(':');
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw new Error('personal data cipher text is malformed or of an unknown version');
  }
  const [iv, tag, ct] = parts.slice(1).map((p) => Buffer.from(p, 'base64url'));
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new Error('personal data cipher text is malformed or of an unknown version');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('personal data cannot be decrypted: wrong key or tampered cipher text');
  }
}

/** Keyed hash (HMAC-SHA256, hex) of a normalized value, separated by kind, for look-ups and duplicate checks. */
export function lookupHash(kind: PersonalDataKind, normalized: string, key: Buffer): string {
  return createHmac('sha256', key).update(`${kind}\u0000${normalized}`, 'utf8').digest('hex');
}

/** Keeps the first `head` and last `tail` characters and stars the rest; stars everything if too short. */
function maskMiddle(value: string, head: number, tail: number): string {
  const chars = Array.from(value);
  if (chars.length <= head + tail) return '*'.repeat(chars.length);
  return chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(-tail).join('');
}

/** '420102199001011234' → '4201**********1234'. */
export function maskIdCard(idCard: string): string {
  return maskMiddle(idCard, 4, 4);
}

/** '13812345678' → '138****5678'. */
export function maskPhone(phone: string): string {
  return maskMiddle(phone, 3, 4);
}

/** '6222021234567891234' → '6222 **** **** 1234'; the fixed form also hides the card's length. */
export function maskBankCard(card: string): string {
  const chars = Array.from(card);
  if (chars.length <= 8) return '*'.repeat(chars.length);
  return `${chars.slice(0, 4).join('')} **** **** ${chars.slice(-4).join('')}`;
}

/** '张三丰' → '张*丰', '张三' → '张*', '欧阳娜娜' → '欧**娜', '张' → '*'. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*'.repeat(chars.length);
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}
