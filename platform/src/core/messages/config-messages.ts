/** Messages of configuration transfer: exporting a system's definitions as a pack and importing them into another. */
export const configMessages = {
  'config.bundleInvalid': { en: 'The configuration is not a valid export: {count} problem(s).', 'zh-CN': '该配置不是有效的导出文件：共 {count} 个问题。' },
  'config.mustBeObject': { en: 'must be a JSON object', 'zh-CN': '必须是 JSON 对象' },
  'config.mustBeList': { en: 'must be a list of definitions', 'zh-CN': '必须是定义的列表' },
  'config.unknownKind': { en: "'{plural}' is not a definition kind of this system (is the pack that provides it available?)", 'zh-CN': "“{plural}”不是本系统的定义类型（提供它的扩展包是否可用？）" },
  'config.needsName': { en: 'a definition needs a name', 'zh-CN': '定义必须有名称' },
  'config.duplicateName': { en: "the name '{name}' appears twice", 'zh-CN': "名称“{name}”出现了两次" },
  'config.importInvalid': { en: 'The configuration cannot be imported: {count} problem(s); nothing was changed.', 'zh-CN': '无法导入该配置：共 {count} 个问题；未做任何更改。' },
  'config.importLossy': { en: 'The configuration would delete stored data; nothing was changed. Import it with data loss accepted to go ahead.', 'zh-CN': '导入该配置会删除已存储的数据；未做任何更改。如确认，请在接受数据丢失的情况下导入。' },
  'config.staleBasis': { en: 'The configuration of this system changed after the preview; preview the import again.', 'zh-CN': '预览之后本系统的配置已被修改，请重新预览导入。' },
  'config.basisRequired': { en: 'An import needs the basis of its preview (run a dry run first).', 'zh-CN': '导入需要其预览的基准（请先试运行）。' },
  'config.basisDetail': { en: 'the basis returned by the dry run', 'zh-CN': '试运行返回的基准' },
  'config.definitionProblem': { en: '{kind} {name}: {problem}', 'zh-CN': '{kind} {name}：{problem}' },
  'config.permissionsReduced': { en: 'the role loses permissions ({count} removed or changed entries)', 'zh-CN': '该角色失去部分权限（{count} 项被删除或更改）' },
  'config.workflowRemoved': { en: 'a workflow is not deleted but deactivated: running instances go on, no new one starts', 'zh-CN': '工作流不会被删除而是停用：进行中的流程继续，不再启动新的流程' },
  'config.lossyDefinition': { en: 'This change would delete stored data; import with data loss accepted to apply it.', 'zh-CN': '此更改会删除已存储的数据；如需应用，请在接受数据丢失的情况下导入。' },
  'config.notAFolder': { en: '{dir} holds no pack.json', 'zh-CN': '{dir} 中没有 pack.json' },
} as const;
