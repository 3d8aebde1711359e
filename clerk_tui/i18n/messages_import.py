"""Messages of `clerk-tui import`: refusals of a whole file, reasons of a refused row, the summary."""

MESSAGES: dict[str, tuple[str, str]] = {
    # A whole file refused (exit 2): one sentence naming the file.
    "import.unknown_kind": (
        "不能导入文件 {path}：未知的导入类型 {kind}（可用：{kinds}）。",
        "Cannot import {path}: {kind} is not a kind of import (use one of {kinds}).",
    ),
    "import.file_missing": (
        "找不到要导入的文件 {path}。",
        "The file {path} to import does not exist.",
    ),
    "import.file_unreadable": (
        "无法读取文件 {path}：{reason}。",
        "The file {path} cannot be read: {reason}.",
    ),
    "import.bad_suffix": (
        "文件 {path} 的类型“{suffix}”不能导入，请使用 .csv 或 .xlsx 文件。",
        "The file {path} has the suffix '{suffix}', which cannot be imported; use a .csv or .xlsx file.",
    ),
    "import.bad_encoding": (
        "文件 {path} 既不是 UTF-8 也不是 GB18030 编码（第 {line} 行无法解码），请在 Excel 中另存为“CSV UTF-8”后重试。",
        "The file {path} is neither UTF-8 nor GB18030 (line {line} cannot be decoded); save it from Excel as 'CSV UTF-8' and try again.",
    ),
    "import.binary": (
        "文件 {path} 不是文本 CSV 文件（含有二进制内容），请另存为 CSV 或 .xlsx 后重试。",
        "The file {path} is not a text CSV file (it holds binary content); save it as CSV or .xlsx and try again.",
    ),
    "import.csv_broken": (
        "文件 {path} 第 {row} 行无法按 CSV 读取：{reason}。",
        "The file {path} cannot be read as CSV at row {row}: {reason}.",
    ),
    "import.bad_xlsx": (
        "文件 {path} 不是有效的 Excel .xlsx 文件（{reason}）。",
        "The file {path} is not a valid Excel .xlsx file ({reason}).",
    ),
    "import.empty": (
        "文件 {path} 是空的，连表头行也没有。",
        "The file {path} is empty: it has not even a header row.",
    ),
    "import.missing_column": (
        "文件 {path} 缺少必需的列 {column}。",
        "The file {path} lacks the required column {column}.",
    ),
    "import.missing_column_hint": (
        "文件 {path} 缺少必需的列 {column}，表头中的“{found}”是否应为 {column}？",
        "The file {path} lacks the required column {column}; should its column '{found}' be {column}?",
    ),
    "import.misspelt_column": (
        "文件 {path} 的列“{found}”不是已知的列名，是否应为 {column}？",
        "The file {path} has a column '{found}' that is not a known name; should it be {column}?",
    ),
    "import.duplicate_column": (
        "文件 {path} 的表头中列 {column} 出现了不止一次。",
        "The file {path} names the column {column} more than once in its header.",
    ),
    "import.db_failed": (
        "导入文件 {path} 时写入数据库失败（{reason}），没有写入任何数据。",
        "Writing {path} to the database failed ({reason}); nothing was imported.",
    ),
    # Warnings (the import still ran).
    "import.warn_extra_columns": (
        "文件 {path} 中的这些列不是 {kind} 的列，已忽略：{columns}。",
        "These columns of {path} are not columns of {kind} and were ignored: {columns}.",
    ),
    "import.warn_missing_columns": (
        "文件 {path} 没有这些列，按空白处理：{columns}。",
        "The file {path} has no columns {columns}; they were taken as empty.",
    ),
    "import.warn_no_rows": (
        "文件 {path} 只有表头，没有数据行。",
        "The file {path} has a header but no data rows.",
    ),
    "import.warn_extra_cells": (
        "文件 {path} 第 {row} 行的单元格比表头多，多出的单元格已忽略。",
        "Row {row} of {path} has more cells than the header; the extra cells were ignored.",
    ),
    "import.warn_repeated_row": (
        "文件 {path} 第 {row} 行与第 {first} 行完全相同，只导入一次。",
        "Row {row} of {path} repeats row {first} exactly and was taken once.",
    ),
    "import.warn_rejects_unwritable": (
        "无法写入拒收文件 {path}：{reason}；拒收的行见本次输出。",
        "The rejects file {path} cannot be written: {reason}; the refused rows are listed in this output.",
    ),
    # Reasons a row was refused: each names its field.
    "import.key_missing": (
        "{field} 为空，这一行没有主键",
        "{field} is empty, so the row has no key",
    ),
    "import.value_missing": ("{field} 为空", "{field} is empty"),
    "import.too_long": (
        "{field} 长 {length} 个字符，超过了上限 {limit}",
        "{field} is {length} characters long, more than the limit of {limit}",
    ),
    "import.control_char": (
        "{field} 含有控制字符 {char}",
        "{field} holds the control character {char}",
    ),
    "import.bad_datetime": (
        "{field} 的“{value}”不是时间（应为 YYYY-MM-DD HH:MM）",
        "{field} '{value}' is not a time (YYYY-MM-DD HH:MM)",
    ),
    "import.bad_date": (
        "{field} 的“{value}”不是日期（应为 YYYY-MM-DD）",
        "{field} '{value}' is not a date (YYYY-MM-DD)",
    ),
    "import.bad_hhmm": (
        "{field} 的“{value}”不是钟点（应为 HH:MM）",
        "{field} '{value}' is not a clock time (HH:MM)",
    ),
    "import.bad_bool": (
        "{field} 的“{value}”不是 Y/N",
        "{field} '{value}' is not Y/N",
    ),
    "import.bad_number": (
        "{field} 的“{value}”不是数字",
        "{field} '{value}' is not a number",
    ),
    "import.bad_money": (
        "{field} 的“{value}”不是金额（元，最多两位小数）",
        "{field} '{value}' is not an amount of money (yuan, at most two decimals)",
    ),
    "import.negative": (
        "{field} 的“{value}”是负数",
        "{field} '{value}' is negative",
    ),
    "import.out_of_range": (
        "{field} 的“{value}”超出范围 {low}–{high}",
        "{field} '{value}' is outside {low}-{high}",
    ),
    "import.bad_choice": (
        "{field} 的“{value}”不是可用的值（可用：{allowed}）",
        "{field} '{value}' is not one of {allowed}",
    ),
    "import.end_before_start": (
        "{field} {end} 早于 {start_field} {start}",
        "{field} {end} is before {start_field} {start}",
    ),
    "import.end_without_start": (
        "{field} 有值但 {start_field} 为空",
        "{field} is given but {start_field} is empty",
    ),
    "import.unknown_engineer": (
        "engineer_id 的“{value}”不是已登记的工程师",
        "engineer_id '{value}' is not a known engineer",
    ),
    "import.unknown_ticket": (
        "ticket_no 的“{value}”不是已有的工单，回访必须对应一张工单",
        "ticket_no '{value}' is not a known ticket, and a callback must be about one",
    ),
    "import.conflicting_duplicate": (
        "{field} 为“{value}”的行在第 {first} 行已出现，但内容不同",
        "{field} '{value}' already appears at row {first} with other values",
    ),
    # Summary.
    "import.summary": (
        "导入 {kind}（{path}）：新增 {inserted}，更新 {updated}，未变 {unchanged}，拒收 {rejected}。",
        "Imported {kind} from {path}: {inserted} inserted, {updated} updated, {unchanged} unchanged, {rejected} refused.",
    ),
    "import.rejects_written": (
        "拒收的行及原因已写入 {path}。",
        "The refused rows and their reasons are in {path}.",
    ),
    "import.answers_applied": (
        "回访结果已处理：{answered} 条接通的回访，新建跟进回访 {follow_ups} 条，"
        "{flags} 条标记补充了回访证据，{locked} 条属已签核日期未处理。",
        "Callback answers acted on: {answered} reached, {follow_ups} follow-up callbacks booked, "
        "{flags} flags given the answer as evidence, {locked} skipped (day signed off).",
    ),
    "import.answers_not_applied": (
        "回访结果已导入，但未能处理（{reason}）；下次对帐会再核对。",
        "The callback answers are in but were not acted on ({reason}); the next reconciliation "
        "checks them again.",
    ),
}
