// Where function calls go. `localGateway` set: the localcloud gateway (npm start), acting as `devOpenid`;
// null: the real CloudBase environment `cloudEnv` through wx.cloud. Release builds set localGateway to null.
export const env = {
  localGateway: 'http://127.0.0.1:8787' as string | null,
  cloudEnv: 'your-cloudbase-env-id',
};
