/** Messages of packs: installing them, their files, their definitions and demo data. */
export const packMessages = {
  'pack.text': { en: '{text}', 'zh-CN': '{text}' },
  'pack.unknownKinds': { en: "The pack '{name}' has definitions of unknown kinds: {kinds}. Install the pack that provides them first.", 'zh-CN': "扩展包“{name}”包含未知类型的定义：{kinds}。请先安装提供这些类型的扩展包。" },
  'pack.notAKind': { en: 'is not a known definition kind', 'zh-CN': '不是已知的定义类型' },
  'pack.noObject': { en: "there is no object named '{name}'", 'zh-CN': "没有名为“{name}”的对象" },
  'pack.uiReferences': { en: "The user interface of the pack '{name}' names objects or components that do not exist.", 'zh-CN': "扩展包“{name}”的界面引用了不存在的对象或组件。" },
  'pack.homeInvalid': { en: "The home page sections of the pack '{name}' name objects or fields that do not exist, or filters that do not compile.", 'zh-CN': "扩展包“{name}”的首页栏目引用了不存在的对象或字段，或其筛选条件无效。" },
  'pack.homeNoField': { en: "the object '{object}' has no field '{field}'", 'zh-CN': "对象“{object}”没有字段“{field}”" },
  'pack.homeNotNumber': { en: "'{field}' is not a number field that can be summed", 'zh-CN': "“{field}”不是可以求和的数字字段" },
  'pack.noComponent': { en: 'the pack ships no ui/{component}', 'zh-CN': '扩展包中没有 ui/{component}' },
  'pack.fileProblem': { en: '{pack}/{file}: {problem}', 'zh-CN': '{pack}/{file}：{problem}' },
  'pack.notFound': { en: "There is no pack named '{name}'.", 'zh-CN': "没有名为“{name}”的扩展包。" },
  'pack.fileNotJson': { en: 'The pack file {file} is not valid JSON.', 'zh-CN': '扩展包文件 {file} 不是有效的 JSON。' },
  'pack.fileNotObject': { en: 'The pack file {file} must hold one JSON object.', 'zh-CN': '扩展包文件 {file} 必须只包含一个 JSON 对象。' },
  'pack.demoData': { en: "The demo data of the pack '{pack}' cannot be loaded: {file} item {index}: {problem}", 'zh-CN': "无法加载扩展包“{pack}”的演示数据：{file} 第 {index} 项：{problem}" },
  'pack.noUser': { en: 'there is no user with id {id}', 'zh-CN': '没有 ID 为 {id} 的用户' },
} as const;
