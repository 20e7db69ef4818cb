/** 在线报丧 limits, apart from the contract so the mini-program's report page takes them without zod. */

/** The earliest date of death a notice may carry. */
export const EARLIEST_DEATH_DATE = '1900-01-01';
