import { ComingSoon } from '../../../components/ComingSoon';

export default function ParentSchoolIndex() {
  return <ComingSoon feature='parent-school' />;
}
