import { loadSubmission, renderValidation, renderValidationMarkdown, validateSubmission } from '../../api.js';
import {
  addDataOptions,
  formatOption,
  locateData,
  readDataOptions,
  readOutputStyle,
  type CommandDeps,
  type RawDataFlags,
} from '../shared-options.js';
import { announceWritten, appendStepSummary, chooseOutputFormat, emitOutput, extensionsOf, type OutputExtension } from '../output.js';
import { exitCodeFor } from '../exit-codes.js';
import { commandHelp } from '../command-help.js';

const VALIDATE_FORMATS = ['text', 'json', 'github', 'junit'] as const;
type ValidateFormat = (typeof VALIDATE_FORMATS)[number];

/** What `--out` writes, by extension. */
const VALIDATE_OUTPUTS: readonly OutputExtension<ValidateFormat>[] = [
  { extension: 'json', formats: ['json'] },
  { extension: 'xml', formats: ['junit'] },
  { extension: 'txt', formats: ['text', 'github'] },
  { extension: 'log', formats: ['text', 'github'] },
];

interface ValidateFlags extends RawDataFlags {
  format?: ValidateFormat;
  out?: string;
}

/**
 * `tuoyu validate [DATA…]`: every problem, located; several submissions are
 * checked as one city (SPEC §8) and each is reported under its own name;
 * exit 1 when any has an error.
 */
export function registerValidate({ program, context, setExitCode, lang }: CommandDeps): void {
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  addDataOptions(program.command('validate'), lang)
    .description(t('检查三张表，按文件、行、列列出每个问题', 'check the three spreadsheets and list every problem by file, row and column'))
    .addOption(formatOption(VALIDATE_FORMATS, t('输出格式：github 为工作流注释，junit 为 XML（默认 text）', 'output format: github for workflow annotations, junit for XML (default text)')))
    .option('--out <file>', t(`写入文件而不是标准输出；可用扩展名：${extensionsOf(VALIDATE_OUTPUTS)}`, `write to a file instead of stdout; extensions: ${extensionsOf(VALIDATE_OUTPUTS)}`))
    .addHelpText('after', commandHelp([
      { command: 'tuoyu validate 数据/', does: { zh: '列出每个问题（同一原因的行合为一条）', en: 'every problem (rows with one cause on one line)' } },
      { command: 'tuoyu validate --facilities 机构.xlsx', does: { zh: '只检查一张表', en: 'one table on its own' } },
      { command: 'tuoyu validate 东湖区/ 西岭区/', does: { zh: '检查多份报送，逐份列出问题', en: 'several submissions, each reported under its own name' } },
      { command: 'tuoyu validate 数据/ --format github', does: { zh: 'GitHub Actions 注释，并写入任务摘要', en: 'GitHub Actions annotations and a job summary' } },
      { command: 'tuoyu validate 数据/ --out 结果.xml', does: { zh: 'JUnit XML（GitLab、Jenkins）', en: 'JUnit XML (GitLab, Jenkins)' } },
    ], lang, [{
      zh: '--format github 最多标注 9 组问题（各文件轮流，错误优先），再加 1 条汇总注释（GitHub 每个步骤每级最多显示 10 条）；设置了 GITHUB_STEP_SUMMARY 时，另将 Markdown 摘要追加到该文件。',
      en: '--format github annotates at most 9 issue groups (the files in turn, errors first) and one summary annotation (GitHub shows 10 per level and step); with GITHUB_STEP_SUMMARY set, a Markdown summary is appended there.',
    }]))
    .action(async (data: string[], _flags: ValidateFlags, command) => {
      const flags = command.optsWithGlobals() as ValidateFlags;
      const format = chooseOutputFormat(flags.out, flags.format, VALIDATE_OUTPUTS, 'text');
      const options = readDataOptions(data, flags, context);
      const { located, inputPaths } = await locateData(options, flags.out, context);
      const submission = await loadSubmission(located, options);
      const report = validateSubmission(submission, options);
      const style = readOutputStyle(flags, context, flags.out === undefined && context.stdoutIsTTY);
      const text = renderValidation(report, { format, ...style });
      await emitOutput(text, flags.out, context, inputPaths);
      const summaryFile = context.env.GITHUB_STEP_SUMMARY;
      if (format === 'github' && summaryFile) await appendStepSummary(summaryFile, renderValidationMarkdown(report, { lang: style.lang }));
      if (flags.out !== undefined && flags.out !== '-') announceWritten(context, style.lang, flags.out, format, report.summary);
      setExitCode(exitCodeFor(report.summary));
    });
}
