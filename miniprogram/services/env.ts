// Where function calls go. `localGateway` set: the localcloud gateway (npm start), acting as the identity picked
// in the developer panel; null: the real CloudBase environment `cloudEnv` through wx.cloud. The build sets it
// (scripts/buildMiniprogram.ts): the local gateway in dist/miniprogram, null in dist/miniprogram-release.
declare const __LOCAL_GATEWAY__: string | null;

export const env = {
  localGateway: __LOCAL_GATEWAY__ as string | null,
  cloudEnv: 'your-cloudbase-env-id',
};
