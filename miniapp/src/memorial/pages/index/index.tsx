import { ComingSoon } from '../../../components/ComingSoon';

export default function MemorialIndex() {
  return <ComingSoon feature="memorial" />;
}
