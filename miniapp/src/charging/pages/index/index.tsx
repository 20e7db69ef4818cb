import { ComingSoon } from '../../../components/ComingSoon';

export default function ChargingIndex() {
  return <ComingSoon feature="charging" />;
}
