import type { OperationResponse, api } from '@warmcity/shared';

type Insurance = typeof api.insurance;

export type MaternityCase = OperationResponse<Insurance['getMaternity']>['items'][number];
export type Filing = OperationResponse<Insurance['listFilings']>['items'][number];
export type FamilyLink = OperationResponse<Insurance['listFamily']>['items'][number];
export type Hall = OperationResponse<Insurance['listHalls']>['items'][number];
export type Contribution = OperationResponse<Insurance['listContributions']>['items'][number];
export type StaffPersonView = OperationResponse<Insurance['staffLookup']>;
export type ImportJob = OperationResponse<Insurance['sendImportChunk']>;
