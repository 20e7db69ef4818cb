import { ComingSoon } from '../../../components/ComingSoon';

export default function InsuranceIndex() {
  return <ComingSoon feature="insurance" />;
}
