// The subscription prompt: wx.requestSubscribeMessage for the product's templates (ids from
// cloudbase/subscribe-templates.json, bundled at build time), and the accepted ones recorded as quota with
// notices.subscribe. WeChat shows the prompt only when it is asked for within the handler of a tap, before
// anything is awaited, so pages call askToSubscribe first thing in a tap handler and never on launch. It
// never fails: a refusal, a closed prompt or a lost call only means no reminders, and never blocks what the
// tap was for (pages do not wait for it before they submit).
import type { TemplateKey } from '../../typings/api';
import { templates } from '../../cloudbase/subscribe-templates.json';
import { call } from './cloud';

/** The templates among `keys` WeChat says the member accepted. */
function acceptedOf(keys: TemplateKey[], res: Record<string, string>): TemplateKey[] {
  return keys.filter((k) => res[templates[k].templateId] === 'accept');
}

/** Asks for `keys` (at most 3, WeChat's limit per prompt); resolves with those accepted and recorded. */
export function askToSubscribe(keys: TemplateKey[]): Promise<TemplateKey[]> {
  const answered = new Promise<TemplateKey[]>((resolve) => {
    try {
      wx.requestSubscribeMessage({
        tmplIds: keys.map((k) => templates[k].templateId),
        success: (res) => resolve(acceptedOf(keys, res)),
        fail: () => resolve([]),
      });
    } catch {
      resolve([]); // a runtime without the prompt
    }
  });
  return answered.then(async (accepted) => {
    if (!accepted.length) return [];
    const r = await call('notices', 'subscribe', { accepted });
    return r.ok ? accepted : [];
  });
}
