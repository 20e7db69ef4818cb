import { apiClient } from '../api/client';
import { ImageUpload } from '../kit';

/** Photos through the platform's upload endpoint; `onChange` gets the upload ids the report
 * (or its resolution) refers to. */
export function PhotoPicker({ max, onChange }: { max: number; onChange: (ids: string[]) => void }) {
  return (
    <ImageUpload
      token={apiClient.tokens.get()}
      max={max}
      onChange={(files) => onChange(files.map((file) => file.answer))}
    />
  );
}
