"""Messages of the callbacks queue, the answer dialog and the callback services (keys `cb.`)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # navigation
    "cb.nav": ("回访", "Callbacks"),
    "cb.nav.help": ("待回访与逾期回访，记录回访结果", "Due and overdue callbacks; record answers"),
    "cb.title": ("回访队列", "Callbacks"),
    # keys
    "cb.key.answer": ("记录结果", "Record answer"),
    "cb.key.generate": ("生成今日回访", "Generate today's"),
    "cb.key.later": ("含以后", "Show later"),
    "cb.key.ticket": ("工单", "Ticket"),
    "cb.key.refresh": ("刷新", "Refresh"),
    "cb.key.back": ("返回", "Back"),
    "cb.key.save": ("保存", "Save"),
    "cb.key.cancel": ("取消", "Cancel"),
    "cb.key.yes": ("是", "Yes"),
    "cb.key.no": ("否", "No"),
    "cb.key.skip": ("不清楚", "Unknown"),
    "cb.key.prev": ("上一项", "Previous"),
    # columns
    "cb.col.overdue": ("逾期", "Overdue"),
    "cb.col.due": ("应回访", "Due"),
    "cb.col.ticket": ("工单号", "Ticket no."),
    "cb.col.customer": ("客户", "Customer"),
    "cb.col.phone": ("电话", "Phone"),
    "cb.col.reason": ("原因", "Reason"),
    "cb.col.card": ("监督卡", "Card says"),
    "cb.col.engineer": ("工程师", "Engineer"),
    "cb.col.tries": ("未接通", "Tries"),
    # reasons
    "cb.reason.consult": ("咨询后回访", "After consultation"),
    "cb.reason.uncertain_repair": ("无把握维修", "Repair not certain"),
    "cb.reason.follow_up": ("不满意跟踪", "Follow-up"),
    "cb.reason.remedy": ("弄虚作假补救", "Remedy"),
    "cb.reason.verification": ("核实回访", "Verification"),
    # what to ask, by reason
    "cb.ask.consult": (
        "问：按咨询指导操作后是否恢复正常？不正常则安排上门。",
        "Ask: is it working after the advice? If not, book a visit.",
    ),
    "cb.ask.uncertain_repair": (
        "问：维修后使用是否正常、是否满意？",
        "Ask: does it work properly since the repair; satisfied?",
    ),
    "cb.ask.follow_up": (
        "问：问题是否已解决、现在是否满意？不满意需再次上门。",
        "Ask: is the problem solved, satisfied now? If not, another visit.",
    ),
    "cb.ask.remedy": (
        "致歉并核实：师傅是否上门、是否本人签字、是否满意；不满意则补救上门。",
        "Apologise and check: did the engineer come, did you sign, satisfied? Remedy visit if not.",
    ),
    "cb.ask.verification": (
        "核实：师傅是否上门、监督卡是否本人签字、是否满意。",
        "Check: did the engineer come, did you sign the card yourself, satisfied?",
    ),
    # the card, in the detail line
    "cb.card.none": ("无监督卡", "no card"),
    "cb.card.says": (
        "监督卡：{satisfaction}，签字：{signer}",
        "Card: {satisfaction}, signed by {signer}",
    ),
    "cb.card.unsigned": ("未签字", "not signed"),
    "cb.card.no_rating": ("未评价", "no rating"),
    "cb.card.times": ("到达 {arrived}，完工 {finished}", "arrived {arrived}, finished {finished}"),
    "cb.card.unsure": ("师傅对维修无把握", "engineer not sure of the repair"),
    "cb.detail.head": ("{ticket}  {customer}  {phone}", "{ticket}  {customer}  {phone}"),
    "cb.detail.engineer": ("工程师：{engineer}", "Engineer: {engineer}"),
    "cb.detail.tries": ("已尝试 {n} 次未接通，上次 {at}", "{n} unanswered tries, last {at}"),
    # overdue cell
    "cb.overdue.hm": ("{h}小时{m}分", "{h} h {m} min"),
    "cb.overdue.m": ("{m}分", "{m} min"),
    "cb.overdue.days": ("{d}天", "{d} days"),
    "cb.overdue.not_yet": ("未到", "not yet"),
    # status lines
    "cb.loading": ("正在读取回访...", "Loading callbacks..."),
    "cb.count": (
        "待回访 {n} 条，其中逾期 {overdue} 条（逾期最久的在最上）",
        "{n} callbacks, {overdue} overdue (most overdue first)",
    ),
    "cb.count.later": ("（含以后的回访）", " (later ones included)"),
    "cb.empty": (
        "没有待回访的工单。按 g 生成今日回访。",
        "Nothing to call. Press g to generate today's.",
    ),
    "cb.generating": (
        "正在生成今日回访与核实抽样...",
        "Generating today's callbacks and sample...",
    ),
    # after g: what was booked, then what the day's verification sample holds
    "cb.generated": (
        "新增回访 {created} 条：规则生成 {rules} 条，核实抽样 {sample} 条",
        "{created} new callbacks: {rules} from the rules, {sample} verification calls",
    ),
    "cb.generated.sampled": (
        "（今日核实 {sampled} 张监督卡：高风险 {high} 张，按比例抽中 {drawn} 张",
        " (today's verification: {sampled} cards, {high} high-risk, {drawn} drawn by the rate",
    ),
    "cb.generated.covered": (
        "；{n} 张已有回访，不再另约",
        "; {n} already have a callback, not booked again",
    ),
    "cb.generated.before": ("；{n} 张此前已约", "; {n} booked earlier"),
    "cb.generated.close": ("）", ")"),
    "cb.generated.none": ("（今日没有需核实的监督卡）", " (no cards to verify today)"),
    "cb.generated.locked": ("；{n} 条因日结锁定未生成", "; {n} skipped: day signed off"),
    "cb.generated.due": (
        "。核实回访应于{due}前完成",
        ". Verification calls are due by {due}",
    ),
    "cb.generated.due_later": ("，按 v 查看", "; v shows them"),
    "cb.when.today": ("今天 {hm} ", "today {hm}"),
    "cb.when.tomorrow": ("明天 {hm} ", "tomorrow {hm}"),
    "cb.when.date": (" {day} {hm} ", "{day} {hm}"),
    "cb.saved": ("已记录 {ticket} 的回访结果", "Answer for {ticket} recorded"),
    "cb.saved.follow_up": (
        "；已生成不满意跟踪回访，需再次上门",
        "; follow-up created, revisit needed",
    ),
    "cb.saved.flags": (
        "；{n} 条弄虚作假疑点已附回访结果，待主管决定",
        "; {n} forgery flags given the answer for the supervisor",
    ),
    "cb.saved.retry": ("；未接通，1 小时后再拨", "; not reached, call again in 1 h"),
    "cb.saved.stays": ("；未接通，仍在队列中", "; not reached, stays on the queue"),
    "cb.err.changed": (
        "这条回访已被他人记录或修改，请刷新后再试",
        "Someone else recorded or changed this callback; reload and try again",
    ),
    # the answer dialog
    "cb.dlg.title": ("记录回访结果", "Record the callback"),
    "cb.dlg.help": (
        "按 y / n 回答，空格 = 不清楚，退格 = 上一项；最后填备注，回车保存，Esc 取消",
        "y / n to answer, space = unknown, backspace = back; then the note, Enter saves, Esc cancels",
    ),
    "cb.q.reached": ("接通了吗？", "Reached the customer?"),
    "cb.q.satisfied": ("用户满意吗？", "Satisfied?"),
    "cb.q.signed": ("监督卡是用户本人签字的吗？", "Did the customer sign the card themself?"),
    "cb.q.came": ("师傅上门了吗？", "Did the engineer come?"),
    "cb.q.retry": ("1 小时后再拨？（否 = 留在队列原位）", "Call again in 1 h? (no = stays as due)"),
    "cb.q.note": ("备注", "Note"),
    "cb.note.placeholder": ("用户原话、处理意见", "What the customer said, what to do"),
    "cb.note.forbidden": ("备注含服务禁语：", "The note holds forbidden phrases: "),
    "cb.note.suggest": ("{phrase}，可改说：{suggestion}", "{phrase}: say instead: {suggestion}"),
    "cb.note.saved_anyway": ("（仍会保存）", "(saved anyway)"),
    "cb.v.yes": ("是", "yes"),
    "cb.v.no": ("否", "no"),
    "cb.v.unknown": ("不清楚", "unknown"),
    "cb.v.pending": ("?", "?"),
    # notes written by the service
    "cb.note.reached": ("已回访", "called"),
    "cb.note.not_reached": ("未接通", "not reached"),
    "cb.note.revisit": (
        "回访不满意（{at}），需再次上门",
        "Unsatisfied on callback ({at}): revisit needed",
    ),
    # evidence added to forgery flags
    "cb.ev.said": (
        "回访 {at}：满意 {satisfied}，本人签字 {signed}，师傅上门 {came}",
        "Callback {at}: satisfied {satisfied}, signed themself {signed}, engineer came {came}",
    ),
    "cb.ev.contradicts": (
        "回访与监督卡不符：建议确认",
        "Callback contradicts the card: suggest confirm",
    ),
    "cb.ev.confirms": (
        "回访确认监督卡属实：建议撤销",
        "Callback confirmed the card: suggest dismiss",
    ),
}
