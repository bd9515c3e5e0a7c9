// The environment wx-server-sdk needs to talk to localcloud instead of CloudBase: the URL it sends every
// request to, and credentials it insists on (any values; localcloud does not check signatures). Used by the
// function runtime, the demo seeder and the test harness alike.
export function sdkEnv(baseUrl: string, envId: string, sessionToken = 'localcloud'): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${baseUrl}/admin` }),
    TENCENTCLOUD_SECRETID: 'localcloud',
    TENCENTCLOUD_SECRETKEY: 'localcloud',
    TENCENTCLOUD_SESSIONTOKEN: sessionToken,
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    SCF_NAMESPACE: envId,
    TCB_ENV: envId,
  };
}
