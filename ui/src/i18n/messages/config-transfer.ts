const en = {
  configTransfer: {
    title: 'Configuration transfer',
    intro: 'Move objects, roles, workflows, reports, dashboards and analyses from one system to another: export them here as a file, then import the file on the other system.',
    exportTitle: 'Export', exportHelp: 'Every definition of this system as one file (a pack that installs on any Tessera).', download: 'Download export',
    importTitle: 'Import', chooseFile: 'Choose an export file…', fileNotJson: 'The file is not a Tessera export (not JSON).',
    removeMissing: 'Remove definitions that the file lacks', acceptLossy: 'Accept changes that delete stored data',
    dryRun: 'Dry run', apply: 'Apply', applying: 'Applying…',
    confirmApply: 'Apply {n} change(s) to this system? Everything is applied together or not at all.',
    confirmLossy: 'Some changes delete stored data; that data cannot be restored.',
    applied: 'The configuration was applied.', nothingToDo: 'This system already has this configuration ({n} definition(s) unchanged).',
    summary: '{changed} change(s), {unchanged} unchanged', valid: 'Dry run: no problems; the import can be applied.',
    problems: 'Dry run: {n} problem(s); nothing can be applied until they are solved.',
    definition: 'Definition', kind: 'Kind', change: 'Change', dataLoss: 'Data loss',
    added: 'added', changed: 'changed', removed: 'removed', kept: 'kept (not in the file)', lossy: 'loses data',
    pointer: 'Where', before: 'Before', after: 'After', noDetails: 'The whole definition is {change}.', notes: 'Note',
    history: 'Applied imports', importedAt: 'When', importedBy: 'By', version: 'Export version',
  },
};

const zhCN: typeof en = {
  configTransfer: {
    title: '配置迁移',
    intro: '将对象、角色、工作流、报表、仪表板和分析从一个系统迁移到另一个系统：在此导出为文件，再在另一个系统导入该文件。',
    exportTitle: '导出', exportHelp: '本系统的全部定义，保存为一个文件（一个可安装到任何 Tessera 的扩展包）。', download: '下载导出文件',
    importTitle: '导入', chooseFile: '选择导出文件…', fileNotJson: '该文件不是 Tessera 导出文件（不是 JSON）。',
    removeMissing: '删除文件中没有的定义', acceptLossy: '接受会删除已存储数据的更改',
    dryRun: '试运行', apply: '应用', applying: '正在应用…',
    confirmApply: '将 {n} 项更改应用到本系统？所有更改一起生效，或全部不生效。',
    confirmLossy: '部分更改会删除已存储的数据，这些数据无法恢复。',
    applied: '配置已应用。', nothingToDo: '本系统已经是该配置（{n} 项定义未变）。',
    summary: '{changed} 项更改，{unchanged} 项未变', valid: '试运行：没有问题，可以应用。',
    problems: '试运行：{n} 个问题；解决之前无法应用。',
    definition: '定义', kind: '类型', change: '更改', dataLoss: '数据丢失',
    added: '新增', changed: '修改', removed: '删除', kept: '保留（文件中没有）', lossy: '会丢失数据',
    pointer: '位置', before: '之前', after: '之后', noDetails: '整个定义将被{change}。', notes: '说明',
    history: '已应用的导入', importedAt: '时间', importedBy: '操作人', version: '导出版本',
  },
};

export default { en, 'zh-CN': zhCN };
