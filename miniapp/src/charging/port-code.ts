/**
 * The port code out of what a QR holds or a resident typed. The printed QR may carry a link to
 * the start page (`…?code=TT01-03`) so the phone's own camera opens the app, or the bare code;
 * typed codes come in any case, with stray spaces.
 */
export function portCodeOf(text: string): string {
  const trimmed = text.trim();
  const inLink = /[?&]code=([^&#]+)/.exec(trimmed);
  const raw = inLink ? decodeURIComponent(inLink[1]!) : trimmed;
  return raw.replace(/\s+/g, '').toUpperCase();
}
