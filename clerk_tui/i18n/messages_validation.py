"""Messages of the ticket-information checks (validation evidence, field and part names)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # Ticket fields as a clerk names them.
    "val.field.customer_name": ("客户姓名", "customer name"),
    "val.field.phone": ("联系电话", "phone"),
    "val.field.address": ("地址", "address"),
    "val.field.product_model": ("产品型号", "product model"),
    "val.field.purchase_date": ("购买日期", "purchase date"),
    "val.field.symptom": ("故障现象", "fault symptom"),
    "val.field.requested_window": ("要求上门时间", "requested visit time"),
    # Address parts (address.ADDRESS_PARTS).
    "val.addr.district": ("区/县", "district"),
    "val.addr.street": ("街道/路名", "street or road"),
    "val.addr.number": ("门牌号", "door number"),
    "val.addr.building": ("楼栋号", "building"),
    "val.addr.room": ("单元/室号", "unit or room"),
    "val.list_sep": ("、", ", "),
    # Evidence, one message per finding kind.
    "val.missing": ("未填写{field}", "No {field} given"),
    "val.phone.empty": ("电话「{phone}」为空", 'Phone "{phone}" is empty'),
    "val.phone.not_a_number": ("电话「{phone}」不是号码", 'Phone "{phone}" is not a number'),
    "val.phone.mobile_wrong_length": (
        "手机号「{phone}」位数不对（应为 11 位）",
        'Mobile "{phone}" has the wrong number of digits (11 expected)',
    ),
    "val.phone.missing_area_code": (
        "电话「{phone}」缺少区号",
        'Phone "{phone}" lacks its area code',
    ),
    "val.phone.too_short": ("电话「{phone}」位数太少", 'Phone "{phone}" has too few digits'),
    "val.phone.too_long": ("电话「{phone}」位数太多", 'Phone "{phone}" has too many digits'),
    "val.phone.invalid_number": (
        "电话「{phone}」不是有效的号码",
        'Phone "{phone}" is not a valid number',
    ),
    "val.address.incomplete": (
        "地址「{address}」缺少：{parts}",
        'Address "{address}" lacks: {parts}',
    ),
    "val.model.unknown": (
        "型号「{model}」不在产品目录中",
        'Model "{model}" is not in the product catalog',
    ),
    "val.purchase.future": (
        "购买日期 {purchase} 晚于今天 {today}",
        "Purchase date {purchase} is after today {today}",
    ),
    "val.purchase.before_release": (
        "购买日期 {purchase} 早于型号 {model} 的上市日期 {release}",
        "Purchase date {purchase} is before model {model} was released on {release}",
    ),
    "val.duplicate": (
        "同一电话已有未结工单 {other}（{product}，状态 {status}，{created} 建单）",
        "Same phone already has open ticket {other} ({product}, status {status}, created {created})",
    ),
    "val.repeat": (
        "{days} 天前维修过同一产品：工单 {other}（{product}，{created} 建单）",
        "Same product repaired {days} days ago: ticket {other} ({product}, created {created})",
    ),
    "val.misuse": (
        "故障现象含「{phrase}」（{category}）：{explanation}",
        'Symptom mentions "{phrase}" ({category}): {explanation}',
    ),
    "val.window.reversed": (
        "要求上门时间 {start} 至 {end} 结束早于开始",
        "Requested visit time {start} to {end} ends before it starts",
    ),
    "val.symptom.unclear": (
        "故障现象「{symptom}」不详，无法判断故障和备件",
        'Symptom "{symptom}" is too vague to judge the fault and the parts',
    ),
    "val.part.out_of_stock": (
        "所需备件「{part}」无库存，需马上领用或申请",
        'Needed part "{part}" is out of stock: requisition it now',
    ),
    "val.part.stock_unknown": (
        "所需备件「{part}」库存未确认，可能无此备件",
        'Needed part "{part}": stock not confirmed, it may be missing',
    ),
    "val.ellipsis": ("...", "..."),
}
