import { initCloud } from './services/cloud';

App({
  onLaunch() {
    initCloud();
  },
});
