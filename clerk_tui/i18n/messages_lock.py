"""Messages of the day lock and the audit log."""

MESSAGES: dict[str, tuple[str, str]] = {
    "lock.refused": (
        "{day} 已由主管签核锁定，不能修改。如需更正，请主管填写原因后重新打开这一天。",
        "{day} is signed off and locked. To correct it, a supervisor must reopen the day with a reason.",
    ),
}
MESSAGES.update(
    {
        "audit.intact": ("审计日志完整：已核对 {n} 条记录。", "Audit log intact: {n} entries checked."),
        "audit.edited": (
            "审计日志第 {id} 条记录被修改过（之前 {n} 条完好）。",
            "Audit entry {id} was edited ({n} entries before it are intact).",
        ),
        "audit.deleted_before": (
            "审计日志第 {id} 条记录之前有记录被删除（之前 {n} 条完好）。",
            "An audit entry before entry {id} was deleted ({n} entries before it are intact).",
        ),
        "audit.tail_deleted": (
            "审计日志末尾的记录被删除（现存 {n} 条完好）。",
            "Audit entries at the end of the log were deleted ({n} remaining entries are intact).",
        ),
    }
)
