/** The component kit every page is built from (see miniapp/README.md). */
export { Badge, Button, Chip, focusable, LinkRow, Notice, Toggle } from './Button';
export { CodeDesk } from './CodeDesk';
export { confirm, toast } from './feedback';
export { DateRow, DateTimeRow, FormRow, SelectRow, TextRow } from './FormRow';
export { ImageUpload } from './ImageUpload';
export { Dead, goHome, NotFound, PageFrame, WithParam } from './PageFrame';
export { SignInPrompt, useSignInGate } from './SignInGate';
export { Empty, ErrorState, ListState, LoadMore, Loading, Skeleton } from './states';
export { Steps } from './Steps';
export { messageOf, needsSignIn } from './errors';
export { useAction } from './use-action';
export { useLoad } from './use-load';
export { usePagedList } from './use-paged-list';
