import { defineFeature } from '../../platform/feature';
import { ChronicEligibilities } from './chronic.model';
import { Contributions } from './contribution.model';
import { FamilyLinks } from './family-link.model';
import { ImportJobs } from './import-job.model';
import { Faqs } from './faq.model';
import { MaternityCases } from './maternity-case.model';
import { RemoteCareFilings } from './remote-care.model';
import { insuranceRoutes } from './routes';
import { ServiceHalls } from './service-hall.model';

/** No account-data hooks: every record here is keyed by the insured person, not by an account,
 * and belongs to the insurance centre's registry. Deleting an account erases its bound identity,
 * which is the only way from the account to these records. */
export const insuranceFeature = defineFeature({
  name: 'insurance',
  routes: insuranceRoutes,
  models: [
    ImportJobs,
    Contributions,
    MaternityCases,
    RemoteCareFilings,
    FamilyLinks,
    ChronicEligibilities,
    Faqs,
    ServiceHalls,
  ],
});
