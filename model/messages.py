"""Chinese text for the command line, the workbook and stored findings (no Qt here).

GUI strings go through Qt's translation system instead (gui/, resources/i18n/).
"""

from __future__ import annotations

import errno

DB_NEWER = "数据库由更新版本的程序创建，本程序无法打开；请升级程序。"
DB_OPEN_FAILED = "无法打开数据库：{url}"
FILE_NOT_FOUND = "找不到文件：{path}"
FILE_UNREADABLE = "无法读取文件：{reason}"
FILE_EMPTY = "文件为空：{name}"
FILE_TOO_LARGE = "文件过大（{size_mb} MB），上限为 {limit_mb} MB：{name}"
DOCUMENT_NOT_FOUND = "数据库中没有编号为 {doc_id} 的文档"
DB_FOLDER_READ_ONLY = "数据文件夹是只读的，无法保存修改：{folder}（请改用可写的文件夹）"
DB_FOLDER_MISSING = "数据文件夹不存在：{folder}"
DB_NOT_A_DATABASE = "数据库文件已损坏或不是本程序的数据库：{path}"
DB_DRIVER_MISSING = "连接 PostgreSQL 需要 psycopg（安装 budget-review-desk[postgres]）"
DB_URL_INVALID = (
    "数据库地址无效（应为 SQLAlchemy URL，如 postgresql+psycopg://用户@主机/库名）：{url}"
)
DB_URL_UNSUPPORTED = "不支持的数据库地址：{url}"
OUTPUT_IS_FOLDER = "输出路径是文件夹，请给出文件名：{path}"
OUTPUT_NOT_A_FILE = "输出路径不是普通文件（设备、管道或套接字），未写入：{path}"
OUTPUT_FOLDER_MISSING = "输出文件夹不存在：{path}"
OUTPUT_NOT_WRITABLE = "没有权限写入输出文件夹：{path}"
FOLDER_HAS_NO_FILINGS = "文件夹中没有可检查的文件：{path}"
CELLS_CUT = (
    "警告：{count} 个单元格超过 Excel 每格 {limit} 个字符的上限，已截断（见审核记录）：{cells}"
)
CELLS_CUT_HEADING = "四、超过 Excel 每格 {limit} 个字符上限而截断的单元格（共{count}个）"
CELL_CUT_ROW = "{place}：原文 {length} 个字符，只保留前 {limit} 个"

# OSError.strerror is English (and depends on the C library), so errors are told by number.
OS_ERROR_REASONS = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EISDIR: "是文件夹",
    errno.ELOOP: "符号链接循环",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EFBIG: "文件过大",
    errno.EROFS: "只读文件系统",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EEXIST: "文件已存在",
    errno.EBUSY: "文件或设备正被占用",
    errno.ETXTBSY: "文件正被占用",
    errno.EIO: "读写出错（磁盘或网络故障）",
    errno.ENXIO: "设备不存在",
    errno.ENODEV: "设备不存在",
    errno.EXDEV: "不能跨文件系统移动",
    errno.EINVAL: "路径无效",
    errno.EMFILE: "打开的文件过多",
    errno.ENFILE: "打开的文件过多",
    errno.ENOMEM: "内存不足",
    errno.ECONNREFUSED: "连接被拒绝",
    errno.ETIMEDOUT: "连接超时",
}


def os_error_line(err: OSError, path: object = None) -> str:
    """An OSError as one Chinese line: the reason by errno, then `path` (the path the user
    gave; else the error's own file name). Every command-line error path uses this."""
    from parsers.limits import display_name

    reason = OS_ERROR_REASONS.get(err.errno or 0, f"系统错误（错误号 {err.errno}）")
    where = path if path not in (None, "") else err.filename
    return f"{reason}：{display_name(str(where))}" if where not in (None, "") else reason


DOCUMENT_STATUS = {"new": "未审核", "in_review": "审核中", "reviewed": "已审核"}
FINDING_STATUS = {"open": "未处理", "confirmed": "已确认", "dismissed": "已忽略"}
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}

# The audit trail's name for what the program did on its own (a finding reopened
# because the figures behind it changed), and that reason.
AUTOMATIC_REVIEWER = "系统（自动）"
REOPENED_FIGURES_CHANGED = "所涉数字已变动，自动重新打开：{changes}"
