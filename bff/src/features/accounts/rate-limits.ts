import type { RateLimit } from '../../platform/rate-limit';

// Per-IP limits are generous: a school gate of parents on one mobile carrier shares a handful
// of NAT addresses. Per-account limits are what actually stop a script.
export const limits = {
  signInPerIp: { name: 'sign-in:ip', limit: 120, windowSeconds: 60 },
  refreshPerIp: { name: 'refresh:ip', limit: 240, windowSeconds: 60 },
  refreshPerAccount: { name: 'refresh:account', limit: 20, windowSeconds: 60 },
  bindPerIp: { name: 'bind:ip', limit: 60, windowSeconds: 3600 },
  // Binding guesses at someone's ID number; a handful of typos an hour is plenty.
  bindPerAccount: { name: 'bind:account', limit: 5, windowSeconds: 3600 },
} satisfies Record<string, RateLimit>;
