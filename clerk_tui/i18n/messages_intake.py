"""Messages of the new-ticket screen (接单) and the phone consultation path."""

MESSAGES: dict[str, tuple[str, str]] = {
    # Navigation and keys.
    "in.nav": ("新建工单", "New ticket"),
    "in.nav.help": (
        "接单：录入客户、产品和故障，边录边核实",
        "Take a ticket: customer, product, fault, checked as you type",
    ),
    "in.title": ("新建工单", "New ticket"),
    "in.key.save": ("保存", "Save"),
    "in.key.back": ("返回", "Back"),
    "in.key.clear": ("清空", "Clear"),
    "in.heading": (
        "新建工单    接单人：{owner}    业务日期：{day}",
        "New ticket    taken by: {owner}    business date: {day}",
    ),
    # Field labels.
    "in.f.name": ("客户姓名", "Customer"),
    "in.f.phone": ("联系电话", "Phone"),
    "in.f.address": ("地址", "Address"),
    "in.f.model": ("产品型号", "Model"),
    "in.f.serial": ("机身编号", "Serial no."),
    "in.f.purchase": ("购买日期", "Purchased"),
    "in.f.symptom": ("故障现象", "Symptom"),
    "in.f.window": ("要求上门", "Visit wanted"),
    "in.f.type": ("服务类型", "Service"),
    "in.f.source": ("来源", "Source"),
    "in.f.notes": ("备注", "Notes"),
    "in.f.window_to": ("至", "to"),
    # Placeholders.
    "in.ph.phone": ("手机或区号+座机", "mobile or area code + number"),
    "in.ph.address": (
        "区、路名门牌号、小区楼栋单元室号",
        "district, road and number, building, unit, room",
    ),
    "in.ph.model": ("型号，右方向键补全", "model, Right completes"),
    "in.ph.date": ("YYYY-MM-DD", "YYYY-MM-DD"),
    "in.ph.day": ("3-15/+1/明天", "3-15/+1"),
    "in.ph.time": ("时:分", "HH:MM"),
    "in.ph.symptom": ("用户描述的故障现象", "the fault as the customer describes it"),
    # Messages beside the fields.
    "in.m.missing": ("未填写", "missing"),
    "in.m.phone_ok": ("{kind} {national}", "{kind} {national}"),
    "in.m.phone.mobile": ("手机", "mobile"),
    "in.m.phone.landline": ("座机", "landline"),
    "in.m.phone.other": ("电话", "phone"),
    "in.m.history_some": ("老客户，历史工单 {n} 张", "returning customer, {n} earlier tickets"),
    "in.m.history_none": ("新客户", "new customer"),
    "in.m.address_lacks": ("缺少：{parts}", "lacks: {parts}"),
    "in.m.address_ok": ("{district}", "{district}"),
    "in.m.model_ok": (
        "{category} 整机{whole}个月 主要部件{parts}个月",
        "{category}, whole unit {whole} months, main parts {parts} months",
    ),
    "in.m.model_matches": (
        "目录中有 {n} 个型号以此开头（按右方向键补全）",
        "{n} catalog models start so (Right arrow completes)",
    ),
    "in.m.model_unknown": ("不在产品目录中，请核实型号", "not in the catalog: check the model"),
    "in.m.warranty.in": (
        "保内：整机至 {whole}，主要部件至 {parts}",
        "in warranty: whole unit to {whole}, main parts to {parts}",
    ),
    "in.m.warranty.parts_only": (
        "整机已过保，主要部件保修至 {parts}",
        "whole unit expired; main parts covered to {parts}",
    ),
    "in.m.warranty.out": (
        "保外：主要部件保修已于 {parts} 到期，按收费标准收费",
        "out of warranty since {parts}: charge by the fee standard",
    ),
    "in.m.future": ("存疑：晚于今天 {today}", "doubtful: after today {today}"),
    "in.m.before_release": (
        "存疑：早于该型号上市日期 {release}",
        "doubtful: before the model's release {release}",
    ),
    "in.m.symptom_unclear": ("现象不详，请问清具体表现", "too vague: ask what exactly happens"),
    "in.m.misuse": (
        "可能是使用不当，可电话咨询",
        "may be misuse or misreport: consult by phone (below)",
    ),
    "in.m.window_ok": ("{start} 至 {end}", "{start} to {end}"),
    "in.m.too_long": (
        "过长未录入：{n} 字，最多 {max} 字",
        "too long, not entered: {n} chars, max {max}",
    ),
    "in.m.full": ("已到最多 {max} 字", "at most {max} characters"),
    # Parse problems (intake_parse).
    "in.err.date_incomplete": (
        "日期未输完：请按 YYYY-MM-DD 输入",
        "date incomplete: type YYYY-MM-DD",
    ),
    "in.err.date_invalid": ("没有这一天：请核对年月日", "no such day: check year, month and day"),
    "in.err.date_format": (
        "看不懂的日期：请按 YYYY-MM-DD 输入",
        "unreadable date: type YYYY-MM-DD",
    ),
    "in.err.day_past": ("上门日期已过", "that day has passed"),
    "in.err.time_format": (
        "看不懂的时间：请按 时:分 输入，如 9:30",
        "unreadable time: type HH:MM, e.g. 9:30",
    ),
    "in.err.time_invalid": (
        "没有这个时间：小时 0-23，分钟 0-59",
        "no such time: hours 0-23, minutes 0-59",
    ),
    "in.err.end_before_start": ("结束时间早于开始时间", "ends before it starts"),
    # Consultation panel.
    "in.consult.title": (
        "电话咨询建议（用户误报或使用不当，可不上门，咨询后 {hours} 小时回访）",
        "Phone consultation (misuse or misreport: no visit, callback {hours} h later)",
    ),
    "in.consult.choice": ("处理", "Handling"),
    "in.consult.undecided": ("未决定（留在待核实）", "undecided (stays to check)"),
    "in.consult.consult": ("已电话咨询，不上门", "consulted by phone, no visit"),
    "in.consult.refused": ("用户不接受咨询，上门服务", "customer refused: visit"),
    "in.consult.note": ("咨询结果", "Outcome"),
    "in.consult.note_ph": (
        "指导了用户什么、用户怎么说",
        "what you advised, what the customer said",
    ),
    "in.consult.default_note": (
        "已电话咨询，指导用户正确使用",
        "consulted by phone, advised on correct use",
    ),
    "in.consult.refused_note": (
        "用户不接受电话咨询，安排上门服务",
        "customer refused the phone consultation: visit arranged",
    ),
    "in.consult.no_ticket": ("找不到工单（编号 {id}）", "ticket {id} not found"),
    "in.consult.bad_state": (
        "工单 {no} 状态为「{state}」，不能记为电话咨询",
        "ticket {no} is {state}: cannot record a consultation",
    ),
    "in.consult.changed": (
        "工单 {no} 已被他人修改，请刷新后再试",
        "ticket {no} was changed by someone else: reload and try again",
    ),
    # History panel.
    "in.hist.title": ("该电话的历史工单", "Earlier tickets of this phone"),
    "in.hist.none": ("该电话没有历史工单", "no earlier tickets for this phone"),
    "in.hist.wait": ("输入电话后显示历史工单", "type a phone to see earlier tickets"),
    "in.hist.loading": ("正在查询历史工单...", "looking up earlier tickets..."),
    "in.hist.col.no": ("工单号", "Ticket"),
    "in.hist.col.created": ("建单时间", "Created"),
    "in.hist.col.name": ("客户", "Customer"),
    "in.hist.col.model": ("型号", "Model"),
    "in.hist.col.status": ("状态", "Status"),
    "in.hist.col.note": ("提示", "Note"),
    "in.hist.col.symptom": ("故障现象", "Symptom"),
    "in.hist.duplicate": ("重复工单：同一产品未结", "duplicate: same product still open"),
    "in.hist.repeat": ("重复维修：{days} 天内修过", "repeat repair within {days} days"),
    # Summary and saving.
    "in.sum.ready": ("保存后状态：可派工", "On saving: ready to schedule"),
    "in.sum.consult": (
        "保存后状态：仅电话咨询，{hours} 小时后回访",
        "On saving: consultation only, callback in {hours} h",
    ),
    "in.sum.needs_info": (
        "保存后状态：待核实（{n} 项问题，下一步：{next}）",
        "On saving: needs information ({n} to check, next: {next})",
    ),
    "in.next.ask_dispatcher": ("先与派工的信息员或调度核实", "check with the dispatcher first"),
    "in.next.call_customer": ("联系用户核实", "call the customer"),
    "in.next.phone_consult": ("电话咨询用户", "consult the customer by phone"),
    "in.next.requisition_part": ("领用或申请备件", "requisition the part"),
    "in.saving": ("正在保存...", "Saving..."),
    "in.saved": ("已保存工单 {no}：{status}", "Saved ticket {no}: {status}"),
    "in.saved_callback": (
        "已保存工单 {no}：{status}，{due} 回访",
        "Saved ticket {no}: {status}, callback at {due}",
    ),
    "in.saved.findings": ("待核实：", "To check:"),
    "in.empty": (
        "表单是空的：请至少填写客户、电话、地址、型号或故障现象之一",
        "The form is empty: fill in at least a customer, phone, address, model or symptom",
    ),
    "in.fix_fields": (
        "有无法识别的日期或时间，请按提示修改后再保存",
        "Some dates or times cannot be read: fix them as shown, then save",
    ),
    "in.draft": ("已恢复未保存的工单草稿", "Unsaved ticket draft restored"),
    "in.cleared": ("已清空表单", "Form cleared"),
    "in.not_ready": ("数据库尚未就绪，请稍候", "The database is not ready yet"),
}
