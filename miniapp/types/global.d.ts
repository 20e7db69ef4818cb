/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    TARO_ENV: 'weapp' | 'alipay' | 'h5' | 'swan' | 'tt' | 'qq' | 'jd' | 'harmony' | 'rn';
    /** API origin for the mini-program builds (weapp/alipay), e.g. https://api.example.cn; H5 uses same-origin /api. */
    TARO_APP_API_BASE?: string;
  }
}

/** Injected at build time by config/contract.ts (and by test/setup.ts under vitest). */
declare const WARMCITY_ROUTES: Record<
  string,
  Record<string, { id: string; method: string; path: string; idempotent: boolean; produces?: string }>
>;
declare const WARMCITY_PROBLEMS: Record<string, string>;
