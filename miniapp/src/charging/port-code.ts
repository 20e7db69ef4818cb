/**
 * The port code out of what a QR holds or a resident typed. The printed QR holds a link ending
 * in the code (`https://warmcity.cn/charging/port/K7M2Q9XA`, the contract's `portQrText`); a
 * typed code comes in any case, with stray spaces or dashes. The contract's own parser is not
 * imported: it would bring zod into the bundle.
 */
export function portCodeOf(text: string): string {
  const trimmed = text.trim();
  const inLink = /\/charging\/port\/([^/?#\s]+)/.exec(trimmed);
  const raw = inLink ? decodeURIComponent(inLink[1]!) : trimmed;
  return raw.replace(/[\s-]+/g, '').toUpperCase();
}
