import type { Config } from '../../config';

/** The platform's liveness + face match (WeChat 人脸核身 / Alipay 刷脸认证) against the
 * registered photo of the person being bound. */
export interface FaceCheck {
  verify(accountId: string, registryPersonId: string): Promise<boolean>;
}

const devFaceCheck: FaceCheck = { verify: async () => true };

// No platform integration exists yet; production refuses binding rather than skip the check.
const unconfiguredFaceCheck: FaceCheck = { verify: async () => false };

export const faceCheckFor = (config: Pick<Config, 'NODE_ENV'>): FaceCheck =>
  config.NODE_ENV === 'production' ? unconfiguredFaceCheck : devFaceCheck;
