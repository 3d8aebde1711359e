"""Messages of the end-of-day reconciliation: flag names, evidence lines, callback reasons."""

MESSAGES: dict[str, tuple[str, str]] = {
    # flag kinds (FORMATS `reconcile` vocabulary)
    "rec.kind.missing_card": ("未交监督卡", "Card not returned"),
    "rec.kind.late_card": ("监督卡迟交", "Card returned late"),
    "rec.kind.orphan_card": ("无对应上门的监督卡", "Card without a visit"),
    "rec.kind.duplicate_card": ("一单多卡", "Two cards for one ticket"),
    "rec.kind.missing_slip": ("保修记录单未及时交回", "Warranty slip not back in time"),
    "rec.kind.engineer_signed": ("工程师代签", "Signed by an engineer"),
    "rec.kind.signer_not_customer": ("签名人非用户", "Signer is not the customer"),
    "rec.kind.unsigned_satisfied": ("「满意」无签名", '"Satisfied" without signature'),
    "rec.kind.signed_outside_visit": ("签名时间不在上门期间", "Signed outside the visit"),
    "rec.kind.card_for_unserved_ticket": ("未服务工单的监督卡", "Card for a ticket not served"),
    "rec.kind.callback_contradiction": ("回访与监督卡不符", "Callback contradicts the card"),
    "rec.kind.engineer_pattern": ("工程师全满意但回访不符", "All satisfied, callbacks disagree"),
    "rec.kind.overcharge": ("超标准收费", "Charged above the fee standard"),
    "rec.kind.fee_without_receipt": ("收费未开收据", "Fee without a receipt"),
    "rec.kind.late_arrival": ("上门迟到", "Late arrival"),
    "rec.kind.late_no_call_ahead": ("迟到未提前致电", "Late without calling ahead"),
    "rec.kind.callback_overdue": ("回访逾期", "Callback overdue"),
    "rec.kind.unsatisfied_open": ("用户不满意未跟踪", "Unsatisfied customer not followed up"),
    # ticket states as they appear in evidence
    "rec.status.in_service": ("服务中", "in service"),
    "rec.status.completed": ("已完工", "completed"),
    "rec.status.pulled_back": ("已拉修", "pulled back"),
    "rec.status.cancelled": ("已取消", "cancelled"),
    "rec.status.transferred": ("已转出", "transferred"),
    "rec.status.consult_only": ("电话咨询已解决", "settled by phone consultation"),
    "rec.status.scheduled": ("已预约", "scheduled"),
    "rec.status.closed": ("已关闭", "closed"),
    # callback reasons
    "rec.reason.consult": ("咨询后回访", "after consultation"),
    "rec.reason.uncertain_repair": ("无把握维修回访", "repair not certain"),
    "rec.reason.follow_up": ("不满意跟踪", "follow-up until satisfied"),
    "rec.reason.remedy": ("弄虚作假补救回访", "remedy after falsified card"),
    "rec.reason.verification": ("核实回访", "verification"),
    # evidence
    "rec.ev.none": ("无", "none"),
    "rec.ev.visit": (
        "预约 {start}，工程师 {engineer}，工单{status}",
        "Appointment {start}, engineer {engineer}, ticket {status}",
    ),
    "rec.ev.no_card_by": ("截止 {due} 未交回监督卡", "No card handed back by {due}"),
    "rec.ev.card_returned_late": (
        "监督卡 {at} 交回，应在 {due} 前",
        "Card handed back at {at}, due by {due}",
    ),
    "rec.ev.unknown_ticket": ("工单 {ticket} 不存在", "Ticket {ticket} does not exist"),
    "rec.ev.no_visit_that_day": (
        "{day} 无此工单的上门预约（预约：{appointment}）",
        "No visit booked for this ticket on {day} (appointment: {appointment})",
    ),
    "rec.ev.card_count": ("同一工单有 {n} 张监督卡", "{n} cards for this ticket"),
    "rec.ev.card_line": (
        "工程师 {engineer}：签名 {signer}，{signed}，{satisfaction}",
        "Engineer {engineer}: signed by {signer} at {signed}, {satisfaction}",
    ),
    "rec.ev.no_slip_by": ("截止 {due} 未交回保修记录单", "No warranty slip handed back by {due}"),
    "rec.ev.slip_returned_late": (
        "保修记录单 {at} 交回，应在 {due} 前",
        "Warranty slip handed back at {at}, due by {due}",
    ),
    "rec.ev.late": (
        "预约 {start}，{arrived} 到达，迟到 {minutes} 分钟（标准 {threshold} 分钟）",
        "Booked {start}, arrived {arrived}: {minutes} min late (threshold {threshold} min)",
    ),
    "rec.ev.late_minutes": ("迟到 {minutes} 分钟", "{minutes} min late"),
    "rec.ev.called_ahead_no": (
        "监督卡注明未提前致电用户",
        "The card says the customer was not phoned ahead",
    ),
    "rec.ev.called_ahead_blank": (
        "监督卡未填写是否提前致电",
        "The card does not say whether the customer was phoned ahead",
    ),
    "rec.ev.callback_overdue": (
        "回访应于 {due} 完成（{reason}），已逾期 {minutes} 分钟",
        "Callback due {due} ({reason}), {minutes} min overdue",
    ),
    "rec.ev.unsatisfied_at": (
        "用户 {at} 表示不满意，此后无满意回访",
        "Customer unsatisfied at {at}, not found satisfied since",
    ),
    "rec.ev.follow_up_pending": ("跟踪回访待办，应于 {due}", "Follow-up pending, due {due}"),
    "rec.ev.no_follow_up": ("未安排跟踪回访", "No follow-up planned"),
    "rec.ev.signer_is_own_engineer": (
        "签名人 {signer} 就是本单工程师 {engineer}",
        "Signer {signer} is the card's own engineer {engineer}",
    ),
    "rec.ev.signer_is_other_engineer": (
        "签名人 {signer} 是工程师 {other}（本单工程师 {engineer}）",
        "Signer {signer} is engineer {other} (card's engineer {engineer})",
    ),
    "rec.ev.signer_also_customer": (
        "用户或家庭成员与该工程师同名，请核实",
        "The customer or a household member has the same name; check",
    ),
    "rec.ev.signer_not_customer": (
        "签名人 {signer} 不是用户 {customer}，卡上未注明关系",
        "Signer {signer} is not the customer {customer}; no relation given",
    ),
    "rec.ev.relation_not_recorded": (
        "签名人 {signer}（{relation}）不在用户 {customer} 登记的家庭成员中",
        "Signer {signer} ({relation}) is not a recorded household member of {customer}",
    ),
    "rec.ev.household": ("登记的家庭成员：{members}", "Recorded household: {members}"),
    "rec.ev.unsigned": (
        "监督卡评价「{satisfaction}」，但无用户签名",
        'Card says "{satisfaction}" but bears no signature',
    ),
    "rec.ev.name_without_signature": (
        "只写了姓名 {signer}，无签名",
        "Name {signer} written, no signature",
    ),
    "rec.ev.signed_before_arrival": (
        "签名 {signed}，早于到达 {arrived}",
        "Signed {signed}, before arriving at {arrived}",
    ),
    "rec.ev.signed_after_leaving": (
        "签名 {signed}，离开 {left} 后超过 {minutes} 分钟",
        "Signed {signed}, more than {minutes} min after leaving at {left}",
    ),
    "rec.ev.signed_while_elsewhere": (
        "签名 {signed} 时，该工程师正在工单 {other} 服务（{arrived}至{left}）",
        "Signed {signed} while the engineer was on ticket {other} ({arrived}-{left})",
    ),
    "rec.ev.ticket_unserved": (
        "工单状态为「{status}」，不应有上门",
        "Ticket is {status}: there was no visit to make",
    ),
    "rec.ev.ticket_other_engineer": (
        "工单派给 {assigned}，监督卡却来自 {engineer}",
        "Ticket assigned to {assigned}, card from {engineer}",
    ),
    "rec.ev.cb_not_satisfied": (
        "{at} 回访：用户不满意；监督卡为「{satisfaction}」",
        'Callback {at}: customer not satisfied; card says "{satisfaction}"',
    ),
    "rec.ev.cb_not_signed": (
        "{at} 回访：用户称未签名；监督卡签名人 {signer}",
        "Callback {at}: customer says they did not sign; card signed by {signer}",
    ),
    "rec.ev.cb_nobody_came": (
        "{at} 回访：用户称无人上门；监督卡到达 {arrived}",
        "Callback {at}: customer says nobody came; card says arrived {arrived}",
    ),
    "rec.ev.all_satisfied": (
        "{engineer} 的 {n} 张监督卡全部「满意」",
        'All {n} cards of {engineer} say "satisfied"',
    ),
    "rec.ev.callbacks_disagree": (
        "回访不符 {n} 单：{tickets}",
        "Callbacks disagree on {n}: {tickets}",
    ),
    "rec.ev.fee_charged": (
        "收费 {charged} 元，收费项目：{items}",
        "Charged {charged} yuan for items: {items}",
    ),
    "rec.ev.fee_no_items": ("监督卡未列收费项目", "The card lists no fee items"),
    "rec.ev.fee_in_warranty": ("产品在保修期内", "The product is inside the warranty"),
    "rec.ev.fee_not_chargeable": (
        "保内不可收费项目：{items}",
        "Not chargeable inside the warranty: {items}",
    ),
    "rec.ev.fee_unknown": ("收费标准中没有的项目：{items}", "Not in the fee standard: {items}"),
    "rec.ev.fee_standard": ("按收费标准可收 {amount} 元", "The fee standard allows {amount} yuan"),
    "rec.ev.fee_certificate": (
        "保修证标准 {certificate} 元，按二者较低者 {allowed} 元",
        "Warranty certificate says {certificate} yuan; the lower, {allowed} yuan, applies",
    ),
    "rec.ev.fee_excess": ("多收 {excess} 元", "{excess} yuan too much"),
    "rec.ev.fee_no_receipt": (
        "收费 {charged} 元，未填收据号",
        "Charged {charged} yuan with no receipt number",
    ),
}
