import { defineFeature } from '../../platform/feature';
import { systemRoutes } from './routes';

export const systemFeature = defineFeature({ name: 'system', routes: systemRoutes });
