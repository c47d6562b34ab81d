// What both browser pages must observe when the flow runs against the simulator, over HTTP or in
// the service worker: the same answers, on the base URL the page called.
import { expect } from 'vitest';
import type { FlowOptions, Observed } from '../pages/client-flow.js';

export const twoFactor = { username: 'guarded', password: 'right', code: '135790' };
export const twoFactorAccount = { password: twoFactor.password, otp: { code: twoFactor.code } };

export const flowOptions = (baseUrl: string): FlowOptions => ({ baseUrl, username: 'octocat', password: 'secret', twoFactor, creates: 5 });

export function expectFlow(observed: Observed, baseUrl: string) {
  expect(observed.failed).toBeUndefined();
  const steps = observed.steps as Record<string, any>;
  const seeded: number[] = steps.list.ids;
  expect(steps.list).toMatchObject({ status: 200, etag: expect.stringMatching(/^W\/"[0-9a-f]+"$/) });
  expect(steps['conditional list']).toEqual({ status: 304 });
  const { id } = steps.create;
  expect(steps.create).toEqual({ status: 201, id, url: `${baseUrl}/authorizations/${id}`, location: `${baseUrl}/authorizations/${id}`, tokenLength: 40 });
  expect(steps['list again'].ids).toEqual(expect.arrayContaining([...seeded, id]));
  expect(steps.paginate.ids).toHaveLength(seeded.length + 5);
  expect(new Set(steps.paginate.ids).size).toBe(seeded.length + 5);
  expect(steps.paginate.firstLink).toEqual({
    next: `${baseUrl}/authorizations?per_page=1&page=2`,
    last: `${baseUrl}/authorizations?per_page=1&page=${seeded.length + 5}`,
  });
  expect(steps['2FA prompt']).toMatchObject({ asked: ['app'], status: 201 });
  expect(steps.delete).toEqual({ status: 204 });
  expect(steps['get the deleted one']).toEqual({ status: 404, message: 'Not Found' });
}

/** Chromium logs every non-2xx answer as an error: the flow expects the 2FA challenge and the deleted authorization. */
export const expectedLoadErrors = [401, 404].map((status) => expect.stringMatching(new RegExp(`^Failed to load resource: the server responded with a status of ${status} `)));
