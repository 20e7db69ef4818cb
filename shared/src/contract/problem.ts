import { z } from 'zod';

/** RFC 9457 problem details, with our stable `code` that tests assert and the app translates. */
export const problemDocument = z.strictObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.string(),
  instance: z.string().optional(),
  errors: z.array(z.strictObject({ path: z.string(), message: z.string(), code: z.string().optional() })).optional(),
});
export type ProblemDocument = z.infer<typeof problemDocument>;

export interface ProblemDefinition {
  readonly status: number;
  /** Short English title for the problem document. */
  readonly title: string;
  /** What the resident reads, in Chinese. */
  readonly zh: string;
}

export function defineProblems<const T extends Record<string, ProblemDefinition>>(problems: T): T {
  return problems;
}

/** Problems any route may answer with. */
export const commonProblems = defineProblems({
  VALIDATION_FAILED: { status: 400, title: 'Request validation failed', zh: '填写的内容有误，请检查后重试' },
  MALFORMED_JSON: { status: 400, title: 'Malformed JSON body', zh: '请求格式有误' },
  UNAUTHENTICATED: { status: 401, title: 'Sign-in required', zh: '请先登录' },
  ACCOUNT_INACTIVE: { status: 401, title: 'The account is deleted or suspended', zh: '账号已注销或停用，请重新登录' },
  FORBIDDEN: { status: 403, title: 'Not allowed', zh: '没有权限进行此操作' },
  NOT_FOUND: { status: 404, title: 'Not found', zh: '内容不存在或已删除' },
  ROUTE_NOT_FOUND: { status: 404, title: 'No such route', zh: '请求的地址不存在' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed', zh: '不支持的请求方式' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Body too large', zh: '提交的内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type', zh: '请求格式不受支持' },
  UNDECODABLE_BODY: { status: 400, title: 'Body does not decode with its Content-Encoding', zh: '请求格式有误' },
  IDEMPOTENCY_KEY_REQUIRED: { status: 400, title: 'Idempotency-Key header required', zh: '请求缺少幂等键，请重试' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    title: 'Idempotency-Key reused with another body',
    zh: '重复提交的内容不一致',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    title: 'The first request with this key is still running',
    zh: '上一次提交仍在处理中，请稍候',
  },
  IDEMPOTENCY_IN_DOUBT: {
    status: 409,
    title: 'The first request with this key failed part-way; its outcome is unknown',
    zh: '上一次提交可能已部分完成，请先查看结果再重新提交',
  },
  RATE_LIMITED: { status: 429, title: 'Too many requests', zh: '操作太频繁，请稍后再试' },
  DATABASE_UNAVAILABLE: { status: 503, title: 'Database unavailable', zh: '服务暂时不可用，请稍后再试' },
  INTERNAL: { status: 500, title: 'Internal error', zh: '服务出了点问题，请稍后再试' },
  NOT_IMPLEMENTED: { status: 501, title: 'Declared but not implemented yet', zh: '该功能即将上线，敬请期待' },
});
