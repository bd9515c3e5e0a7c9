import { createHmac, randomBytes } from 'node:crypto';
import {
  decrypt,
  encrypt,
  loadKeys,
  lookupHash,
  maskBankCard,
  maskIdCard,
  maskName,
  maskPhone,
} from '../../cloudfunctions/_shared/personalData';

const encHex = randomBytes(32).toString('hex');
const hashB64 = randomBytes(32).toString('base64');
const keys = loadKeys({ PERSONAL_DATA_KEY: encHex, PERSONAL_DATA_HASH_KEY: hashB64 });

function loadError(env: Record<string, string | undefined>): string {
  try {
    loadKeys(env);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('loadKeys accepted a bad environment');
}

describe('loadKeys', () => {
  it('reads a hex and a base64 key', () => {
    expect(keys.encryptionKey.equals(Buffer.from(encHex, 'hex'))).toBe(true);
    expect(keys.hashKey.equals(Buffer.from(hashB64, 'base64'))).toBe(true);
    const urlSafe = randomBytes(32).toString('base64url');
    expect(loadKeys({ PERSONAL_DATA_KEY: urlSafe, PERSONAL_DATA_HASH_KEY: encHex }).encryptionKey.length).toBe(32);
  });

  it('names a missing key', () => {
    expect(loadError({ PERSONAL_DATA_HASH_KEY: hashB64 })).toContain('PERSONAL_DATA_KEY');
    expect(loadError({ PERSONAL_DATA_KEY: encHex, PERSONAL_DATA_HASH_KEY: '  ' })).toContain('PERSONAL_DATA_HASH_KEY');
  });

  it('rejects a key of the wrong length or encoding without echoing it', () => {
    const short = randomBytes(16).toString('hex');
    const message = loadError({ PERSONAL_DATA_KEY: short, PERSONAL_DATA_HASH_KEY: hashB64 });
    expect(message).toContain('32 bytes');
    expect(message).not.toContain(short);
    expect(loadError({ PERSONAL_DATA_KEY: encHex, PERSONAL_DATA_HASH_KEY: 'not a key!' })).toContain('32 bytes');
  });

  it('refuses the same key for encryption and hashing', () => {
    expect(loadError({ PERSONAL_DATA_KEY: encHex, PERSONAL_DATA_HASH_KEY: Buffer.from(encHex, 'hex').toString('base64') }))
      .toContain('differ');
  });
});

describe('encrypt / decrypt', () => {
  const key = keys.encryptionKey;

  it('round-trips, Chinese text and the empty string included', () => {
    for (const plain of ['420102199001011234', '张三丰 湖北省武汉市', '']) {
      expect(decrypt(encrypt(plain, key), key)).toBe(plain);
    }
  });

  it('produces a compact versioned string that does not contain the plain value', () => {
    const cipherText = encrypt('13812345678', key);
    expect(cipherText).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(cipherText).not.toContain('13812345678');
  });

  it('uses a fresh IV each time', () => {
    const a = encrypt('13812345678', key);
    const b = encrypt('13812345678', key);
    expect(a).not.toBe(b);
    expect(a.split(':')[1]).not.toBe(b.split(':')[1]);
  });

  it('detects a modified cipher text, tag or IV', () => {
    const [v, iv, tag, ct] = encrypt('420102199001011234', key).split(':');
    const flip = (part: string) => {
      const bytes = Buffer.from(part, 'base64url');
      bytes[0] ^= 1;
      return bytes.toString('base64url');
    };
    for (const tampered of [[v, iv, tag, flip(ct)], [v, iv, flip(tag), ct], [v, flip(iv), tag, ct]]) {
      expect(() => decrypt(tampered.join(':'), key)).toThrow('tampered');
    }
  });

  it('fails under another key and on malformed or unknown-version text', () => {
    const cipherText = encrypt('420102199001011234', key);
    expect(() => decrypt(cipherText, randomBytes(32))).toThrow('wrong key');
    expect(() => decrypt(cipherText.replace(/^v1:/, 'v2:'), key)).toThrow('unknown version');
    expect(() => decrypt('420102199001011234', key)).toThrow('malformed');
    expect(() => decrypt(cipherText.split(':').slice(0, 3).join(':'), key)).toThrow('malformed');
  });
});

describe('lookupHash', () => {
  const key = keys.hashKey;

  it('gives the same hash for the same input and kind', () => {
    expect(lookupHash('phone', '13812345678', key)).toBe(lookupHash('phone', '13812345678', key));
    expect(lookupHash('phone', '13812345678', key)).not.toBe(lookupHash('phone', '13812345679', key));
  });

  it('separates kinds and keys', () => {
    const value = '6222021234567890';
    const hashes = new Set([lookupHash('idCard', value, key), lookupHash('phone', value, key), lookupHash('bankCard', value, key)]);
    expect(hashes.size).toBe(3);
    expect(lookupHash('phone', value, randomBytes(32))).not.toBe(lookupHash('phone', value, key));
  });

  it('keeps its stored format: HMAC-SHA256 hex over kind, NUL, value', () => {
    // Stored hashes depend on this exact format; changing it orphans every look-up and duplicate check.
    const expected = createHmac('sha256', key).update('idCard\u0000420102199001011234').digest('hex');
    expect(lookupHash('idCard', '420102199001011234', key)).toBe(expected);
  });
});

describe('masking', () => {
  it('masks ID card numbers to the first and last four', () => {
    expect(maskIdCard('420102199001011234')).toBe('4201**********1234');
    expect(maskIdCard('11010519491231002X')).toBe('1101**********002X');
  });

  it('masks phone numbers to the first three and last four', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('masks bank cards to a fixed form that hides the length', () => {
    expect(maskBankCard('6222021234567891234')).toBe('6222 **** **** 1234');
    expect(maskBankCard('6222021234561234')).toBe('6222 **** **** 1234');
  });

  it('masks names keeping the surname and, from three characters, the last', () => {
    expect(maskName('张三丰')).toBe('张*丰');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('张')).toBe('*');
    expect(maskName('')).toBe('');
    expect(maskName('𠮷野家')).toBe('𠮷*家'); // a character outside the BMP stays whole
  });

  it('stars short or odd input entirely instead of revealing it', () => {
    expect(maskIdCard('12345678')).toBe('********');
    expect(maskIdCard('123456789')).toBe('1234*6789');
    expect(maskPhone('1234567')).toBe('*******');
    expect(maskBankCard('12345678')).toBe('********');
    expect(maskIdCard('')).toBe('');
  });
});
