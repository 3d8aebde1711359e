"""Messages shared by the command line and every screen."""

MESSAGES: dict[str, tuple[str, str]] = {
    "app.title": ("网点信息员工作台", "Clerk Desk"),
    "db.missing_dir": (
        "数据库文件 {path} 所在的文件夹无法创建：{reason}。请用 --db 指定一个可写的位置。",
        "The database file {path} cannot be created: {reason}. Name a writable place with --db.",
    ),
    "db.readonly": (
        "数据库文件 {path} 是只读的，无法写入。请检查文件权限，或用 --db 指定另一个文件。",
        "The database file {path} is read-only. Check its permissions, or name another file with --db.",
    ),
    "db.locked": (
        "数据库文件 {path} 正被另一个程序锁定。请关闭占用它的程序后重试。",
        "The database file {path} is locked by another program. Close that program and try again.",
    ),
    "db.not_a_db": (
        "文件 {path} 不是 Clerk Desk 的数据库（{reason}）。请用 --db 指定正确的文件。",
        "The file {path} is not a Clerk Desk database ({reason}). Name the right file with --db.",
    ),
    "db.unreachable": (
        "无法连接数据库 {path}：{reason}。请检查地址和服务器是否运行。",
        "Cannot reach the database {path}: {reason}. Check the address and that the server runs.",
    ),
    "db.newer": (
        "数据库 {path} 来自更新版本的 Clerk Desk（{reason}）。请升级本程序。",
        "The database {path} was made by a newer Clerk Desk ({reason}). Upgrade this program.",
    ),
    "db.reason.no_parent": ("上级文件夹不存在且无法创建", "its folder does not exist and cannot be made"),
    "db.reason.denied": ("没有写入权限", "permission denied"),
}
