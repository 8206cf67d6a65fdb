"""Chinese text for the command line, the workbook and stored findings (no Qt here).

GUI strings go through Qt's translation system instead (gui/, resources/i18n/).
"""

DB_NEWER = "数据库由更新版本的程序创建，本程序无法打开；请升级程序。"
DB_OPEN_FAILED = "无法打开数据库：{reason}"
FILE_NOT_FOUND = "找不到文件：{path}"
FILE_UNREADABLE = "无法读取文件：{reason}"
FILE_EMPTY = "文件为空：{name}"
FILE_TOO_LARGE = "文件过大（{size_mb} MB），上限为 {limit_mb} MB：{name}"
FILE_TYPE_UNKNOWN = "不支持的文件类型：{name}（支持 PDF、DOCX、XLSX、TXT、MD）"
DOCUMENT_NOT_FOUND = "数据库中没有编号为 {doc_id} 的文档"
DB_FOLDER_READ_ONLY = "数据文件夹是只读的，无法保存修改：{folder}（请改用可写的文件夹）"
DB_FOLDER_MISSING = "数据文件夹不存在：{folder}"
DB_NOT_A_DATABASE = "数据库文件已损坏或不是本程序的数据库：{path}"
DB_DRIVER_MISSING = "连接 PostgreSQL 需要 psycopg（安装 budget-review-desk[postgres]）"
DISK_FULL = "磁盘空间已满，文件未写入：{path}"
WRITE_DENIED = "没有写入权限，文件未写入：{path}"
DB_URL_INVALID = (
    "数据库地址无效（应为 SQLAlchemy URL，如 postgresql+psycopg://用户@主机/库名）：{url}"
)
DB_SERVER_UNREACHABLE = "无法连接数据库服务器 {host}：{reason}"

DOCUMENT_STATUS = {"new": "未审核", "in_review": "审核中", "reviewed": "已审核"}
FINDING_STATUS = {"open": "未处理", "confirmed": "已确认", "dismissed": "已忽略"}
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
