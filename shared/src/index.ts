export * from './contract/operation';
export * from './contract/common';
export * from './contract/date-range';
export * from './contract/problem';
export * from './contract/openapi';
export * from './api/index';
export * from './parent-school/schedule';
