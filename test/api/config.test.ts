import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';

describe('configuration from the environment', () => {
  it('sizes the screening worker pool from MATCH_WORKERS, one per core when unset', () => {
    expect(loadConfig({}).matchWorkers).toBeUndefined();
    expect(loadConfig({ MATCH_WORKERS: '' }).matchWorkers).toBeUndefined();
    expect(loadConfig({ MATCH_WORKERS: '0' }).matchWorkers).toBe(0);
    expect(loadConfig({ MATCH_WORKERS: '3' }).matchWorkers).toBe(3);
  });

  it('refuses a value that is not a non-negative integer, naming the variable', () => {
    expect(() => loadConfig({ MATCH_WORKERS: 'two' })).toThrow(/MATCH_WORKERS must be a non-negative integer, got "two"/);
    expect(() => loadConfig({ MATCH_WORKERS: '-1' })).toThrow(/MATCH_WORKERS/);
    expect(() => loadConfig({ PORT: '80a' })).toThrow(/PORT must be a non-negative integer/);
  });
});
