import { randomInt } from 'node:crypto';
import { MEMORIAL_CODE_ALPHABET, MEMORIAL_CODE_LENGTH } from '@warmcity/shared/api/memorial';

/** Random codes from the contract's alphabet (no 0/1/i/l/o to misread off a stone). */
export const randomCode = (length: number = MEMORIAL_CODE_LENGTH) =>
  Array.from({ length }, () => MEMORIAL_CODE_ALPHABET[randomInt(MEMORIAL_CODE_ALPHABET.length)]).join('');

export const INVITE_CODE_LENGTH = 12;
