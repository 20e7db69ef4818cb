import type { PropsWithChildren } from 'react';
import { Text, View } from '@tarojs/components';
import type { ReportView } from '@warmcity/shared/api/charging';
import { Badge } from '../kit';
import { dateTime } from '../kit/time';
import { reportKindText, reportStatusText } from './labels';
import { Photo } from './Photo';

const tone = { open: 'wait', assigned: 'brand', resolved: 'ok' } as const;

/** One unsafe-charging report as the reporter and the staff both see it; staff add their tools. */
export function ReportCard({ report, children }: PropsWithChildren<{ report: ReportView }>) {
  return (
    <View className="kit-card ch-report">
      <View className="ch-head">
        <Text className="kit-card__title">{reportKindText[report.kind]}</Text>
        <Badge tone={tone[report.status]}>{reportStatusText[report.status]}</Badge>
      </View>
      <Text className="ch-line">
        {dateTime(report.createdAt)} · {report.site.name}
        {report.portLabel ? ` ${report.portLabel}` : ''}
      </Text>
      <Text className="ch-line">位置：{report.place}</Text>
      <Text className="ch-line">{report.description}</Text>
      {report.photos.length > 0 ? (
        <View className="ch-photos">
          {report.photos.map((photo) => (
            <Photo key={photo.id} url={photo.url} />
          ))}
        </View>
      ) : null}
      {report.answer ? (
        <View className="ch-answer" id="ch-report-answer">
          <Text>工作人员回复：{report.answer.note}</Text>
          {report.answer.photo ? (
            <View className="ch-photos">
              <Photo url={report.answer.photo.url} />
            </View>
          ) : null}
        </View>
      ) : null}
      {children}
    </View>
  );
}
