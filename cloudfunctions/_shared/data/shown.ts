// What a record's detail shows beside the record: the temporary URLs of its files and the name of its org,
// at most two round trips issued together, less what the write answering with it already knows (the URLs its
// files' check obtained, the org's name its aggregation joined).
import { urlsOf } from './files';
import { orgNames } from './orgs';

export interface Known {
  urls?: ReadonlyMap<string, string>;
  orgName?: string;
}

export async function shownBeside(fileIds: readonly string[], orgId: string, known: Known = {}): Promise<{ urls: Map<string, string>; orgName: string }> {
  const [urls, orgName] = await Promise.all([urlsOf(fileIds, known.urls), known.orgName ?? orgNames([orgId]).then((names) => names.get(orgId) ?? '')]);
  return { urls, orgName };
}
