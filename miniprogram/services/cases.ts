// Legal-aid cases as members, officers and lawyers read them: a case's title, each timeline step in words,
// and its evidence files (photos shown as pictures, PDFs opened in the phone's viewer).
import { CASE_ACTION_LABELS, CASE_OUTCOME_LABELS, CASE_STEP_LABELS, DISPUTE_TYPE_LABELS } from '../../typings/api';
import type { CaseFileView, CaseSummary, CaseTimelineEntry } from '../../typings/api';
import { yuanText } from './money';

/** '欠薪 · 某某建筑公司' */
export function caseTitle(c: Pick<CaseSummary, 'disputeType' | 'employerName'>): string {
  return `${DISPUTE_TYPE_LABELS[c.disputeType]} · ${c.employerName}`;
}

/** What a step did, in words: '指派律师：陈明', '记录办理进展（调解）', '结案：调解成功，挽回 8000元'. */
export function caseStepText(t: CaseTimelineEntry): string {
  const label = CASE_ACTION_LABELS[t.action];
  if (t.action === 'assign' && t.lawyerName) return `${label}：${t.lawyerName}`;
  if (t.action === 'refer' && t.toOrgName) return `${label}至${t.toOrgName}`;
  if (t.action === 'logStep' && t.step) return `${label}（${CASE_STEP_LABELS[t.step]}）`;
  if (t.action === 'close' && t.outcome) return `${label}：${CASE_OUTCOME_LABELS[t.outcome]}，挽回 ${yuanText(t.recoveredFen ?? 0)}`;
  if (t.action === 'rate' && t.stars) return `${label} ${'★'.repeat(t.stars)}`;
  if (t.action === 'addEvidence' && t.files) return `${label} ${t.files.length} 份`;
  return label;
}

export interface FileItem {
  url: string;
  pdf: boolean;
  /** the pictures among the files, for swiping through in the preview */
  urls: string[];
}

/** A step's or a case's files for WXML. */
export function caseFiles(files: CaseFileView[] | undefined): FileItem[] {
  const list = files ?? [];
  const isPdf = (url: string) => /\.pdf(\?|$)/i.test(url);
  const pictures = list.map((f) => f.url).filter((u) => !isPdf(u));
  return list.map((f) => ({ url: f.url, pdf: isPdf(f.url), urls: pictures }));
}

/** Shows a file: a picture in the preview (swiping through its siblings), a PDF in the phone's viewer. */
export function openCaseFile(file: FileItem): void {
  if (!file.pdf) {
    wx.previewImage({ urls: file.urls, current: file.url });
    return;
  }
  wx.downloadFile({
    url: file.url,
    success: (res) => wx.openDocument({ filePath: res.tempFilePath, fileType: 'pdf', showMenu: true }),
    fail: () => wx.showToast({ title: '文件打不开，请稍后再试', icon: 'none' }),
  });
}
