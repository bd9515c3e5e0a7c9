// The jest environment of the tests that render pages under miniprogram-simulate (jsdom) and draw them in
// Chromium through playwright-core (test/screens/): the page environment, plus the Node globals jsdom's global
// lacks and playwright-core's client uses (TextDecoder, streams, setImmediate…).
// Use with `@jest-environment ./test/harness/screenEnvironment.ts`.
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import PageEnvironment from './pageEnvironment';

export default class ScreenEnvironment extends PageEnvironment {
  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    const target = this.global as unknown as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(globalThis)) {
      if (!(name in target)) target[name] = (globalThis as unknown as Record<string, unknown>)[name];
    }
  }
}
