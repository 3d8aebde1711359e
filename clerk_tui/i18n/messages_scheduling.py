"""Messages of the scheduling rules, proposals and lateness decisions (keys `sch.*`)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # evidence of conflicts
    "sch.ev.engineer": ("工程师 {name}（{code}）", "Engineer {name} ({code})"),
    "sch.ev.visit": ("{ticket} 预约 {start}-{end}", "{ticket} booked {start}-{end}"),
    "sch.ev.overlap": ("两单重叠 {minutes} 分钟", "The two visits overlap by {minutes} min"),
    "sch.ev.gap": (
        "{ticket} 在 {district} {end} 结束，{other} 在 {other_district} {start} 开始，间隔 {gap} 分钟",
        "{ticket} ends {end} in {district}, {other} starts {start} in {other_district}: {gap} min between",
    ),
    "sch.ev.travel_need": (
        "路程 {travel} 分钟 + 提前到达 {buffer} 分钟 = 需要 {need} 分钟",
        "Travel {travel} min + arriving early {buffer} min = {need} min needed",
    ),
    "sch.ev.hours": ("工作时间 {start}-{end}", "Working hours {start}-{end}"),
    "sch.ev.not_on_roster": (
        "工程师 {code} 不在当天名单中",
        "Engineer {code} is not on the day's roster",
    ),
    "sch.ev.inactive": ("{name}（{code}）已停用", "{name} ({code}) is inactive"),
    "sch.ev.on_leave": ("{name}（{code}）当天请假", "{name} ({code}) is on leave that day"),
    "sch.ev.skill": (
        "产品类别 {category} 不在 {name} 的技能中（{skills}）",
        "Product category {category} is not among {name}'s skills ({skills})",
    ),
    "sch.ev.no_skills": ("无", "none"),
    "sch.ev.requested": ("用户要求 {start}-{end} 上门", "Customer asked for a visit {start}-{end}"),
    "sch.ev.requested_from": (
        "用户要求 {start} 以后上门",
        "Customer asked for a visit from {start}",
    ),
    "sch.ev.requested_until": ("用户要求 {end} 以前上门", "Customer asked for a visit by {end}"),
    "sch.ev.arrival": ("预约到达 {start}", "Booked arrival {start}"),
    "sch.ev.capacity": (
        "{name} 当天 {count} 单，上限 {capacity} 单",
        "{name} has {count} visits that day, limit {capacity}",
    ),
    "sch.ev.unassigned": (
        "{ticket} 已约 {start}-{end}，未指派工程师",
        "{ticket} booked {start}-{end} with no engineer",
    ),
    # reasons of proposals
    "sch.why.in_window": (
        "在用户要求的 {start}-{end} 内",
        "Within the customer's window {start}-{end}",
    ),
    "sch.why.same_time": ("与原约时间相同", "Same time as booked"),
    "sch.why.shift": (
        "比原约时间{direction} {minutes} 分钟",
        "{minutes} min {direction} than booked",
    ),
    "sch.why.earlier": ("提前", "earlier"),
    "sch.why.later": ("推后", "later"),
    "sch.why.travel_from": ("从 {district} 过来 {minutes} 分钟", "{minutes} min from {district}"),
    "sch.why.travel_to": (
        "到下一单 {district} {minutes} 分钟",
        "{minutes} min to the next job in {district}",
    ),
    "sch.why.load": (
        "当天已有 {count} 单（上限 {capacity}）",
        "{count} visits already that day (limit {capacity})",
    ),
    "sch.district_unknown": ("未知区域", "unknown district"),
    # lateness and failed visits [H 三.3]
    "sch.late.none": ("按时到达", "On time"),
    "sch.late.apology": (
        "迟到 {minutes} 分钟：向用户道歉",
        "{minutes} min late: apologise to the customer",
    ),
    "sch.late.apology_and_gift": (
        "迟到 {minutes} 分钟：真诚道歉，可赠送小礼品",
        "{minutes} min late: sincere apology and a small gift",
    ),
    "sch.late.manager_visit": (
        "用户不接受道歉：售后经理上门道歉",
        "Apology not accepted: the after-sales manager visits to apologise",
    ),
    "sch.fail.customer_out": (
        "用户不在家：道歉离开，找到用户，征得同意后改约",
        "Customer out: apologise, leave, reach the customer, reschedule with consent",
    ),
    "sch.fail.customer_busy": (
        "用户临时有事：征得同意后改约",
        "Customer called away: reschedule with consent",
    ),
    "sch.fail.refused_entry": (
        "用户不让进门：改约时间，售后经理亲自上门",
        "Customer refused entry: reschedule, the after-sales manager visits in person",
    ),
    "sch.fail.doubts_engineer": (
        "用户怀疑工程师资格：出示上岗证；仍不让进门则改约，售后经理亲自上门",
        "Customer doubts the engineer: show the certificate; if still refused, reschedule and the manager visits",
    ),
    "sch.fail.power_cut": (
        "用户家停电：征得同意后改约",
        "Power cut at the customer's: reschedule with consent",
    ),
    "sch.fail.product_elsewhere": (
        "产品不在此处：征得同意后前往产品所在地或改约",
        "Product is elsewhere: with consent go to where it is, or reschedule",
    ),
}
