"""Messages of the demo outlet builder (`clerk-tui demo`)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "demo.summary": (
        "演示网点 {outlet} 已生成（今天 {today}）：工程师 {engineers} 名，客户 {customers} 位，"
        "历史工单 {history} 张，今日工单 {today_count} 张。",
        "Demo outlet {outlet} is ready (today {today}): {engineers} engineers, {customers} customers, "
        "{history} past tickets, {today_count} tickets today.",
    ),
    "demo.accounts": ("演示账号：", "Demo accounts:"),
    "demo.account": (
        "  {role}  用户名 {username}  密码 {password}  （{name}）",
        "  {role}  user {username}  password {password}  ({name})",
    ),
    "demo.role.supervisor": ("主管", "supervisor"),
    "demo.role.clerk": ("信息员", "clerk"),
    "demo.role.center": ("中心信息员", "center clerk"),
    "demo.refused": (
        "数据库 {path} 里已有真实的工单或人员，演示数据不会写入其中；请用 --db 指定一个新的文件。",
        "The database {path} already holds real tickets or people, so the demo will not write into it; "
        "name a new file with --db.",
    ),
}
