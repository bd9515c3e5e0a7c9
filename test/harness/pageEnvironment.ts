// The jest environment of page tests that also call functions directly (test/functions/api.ts, through
// fetch): jsdom, which miniprogram-simulate renders into, plus Node's own fetch, which jsdom's global lacks, and
// Node's Blob, the one Node's FormData takes (uploads by test/functions/applicationsFixtures.ts upload).
// Use with `@jest-environment ./test/harness/pageEnvironment.ts`.
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import { TestEnvironment } from 'jest-environment-jsdom';

export default class PageEnvironment extends TestEnvironment {
  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    Object.assign(this.global, { fetch, Request, Response, Headers, FormData, Blob });
  }
}
