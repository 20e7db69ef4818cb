import { apiBaseUrl, apiClient } from '../api/client';
import { ImageUpload } from '../kit';

/** Photos through the platform's upload endpoint; `onChange` gets the upload ids the report
 * (or its resolution) refers to. The endpoint answers with the upload's JSON. */
export function PhotoPicker({ max, onChange }: { max: number; onChange: (ids: string[]) => void }) {
  return (
    <ImageUpload
      url={`${apiBaseUrl}/api/uploads`}
      token={apiClient.tokens.get()}
      max={max}
      onChange={(files) => onChange(files.map((file) => (JSON.parse(file.answer) as { id: string }).id))}
    />
  );
}
