// A control request as the developer's own tests send it: with X-Simulator-Control (see
// src/simulator/control-gate.ts), which no page on another origin can send.
export const controlHeaders = { 'x-simulator-control': '1' } as const;

/** fetch() for the control API (/_simulator/…): the same, with X-Simulator-Control added. */
export const controlFetch = (url: string, init: RequestInit = {}) => fetch(url, { ...init, headers: { ...controlHeaders, ...Object.fromEntries(new Headers(init.headers)) } });
