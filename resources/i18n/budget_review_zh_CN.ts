<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BudgetTableModel</name>
    <message>
        <location filename="../../gui/table_model.py" line="45"/>
        <source>Extracted: {0}
Confidence: {1:.0%}</source>
        <translation>提取内容：{0}
置信度：{1:.0%}</translation>
    </message>
    <message>
        <location filename="../../gui/table_model.py" line="49"/>
        <source>Corrected: {0}</source>
        <translation>已更正为：{0}</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../gui/conflict_dialog.py" line="40"/>
        <source>Cell changed by someone else</source>
        <translation>单元格已被他人修改</translation>
    </message>
    <message>
        <location filename="../../gui/conflict_dialog.py" line="43"/>
        <source>Someone else saved this cell while you were editing it. Choose which value to keep.</source>
        <translation>您编辑期间，其他人已保存了这个单元格。请选择保留哪个值。</translation>
    </message>
    <message>
        <location filename="../../gui/conflict_dialog.py" line="51"/>
        <source>Table:</source>
        <translation>表格：</translation>
    </message>
    <message>
        <location filename="../../gui/conflict_dialog.py" line="52"/>
        <source>Cell:</source>
        <translation>单元格：</translation>
    </message>
    <message>
        <location filename="../../gui/conflict_dialog.py" line="53"/>
        <source>Their value:</source>
        <translation>对方的值：</translation>
    </message>
    <message>
        <location filename="../../gui/conflict_dialog.py" line="55"/>
        <source>Your value:</source>
        <translation>您的值：</translation>
    </message>
    <message>
        <location filename="../../gui/conflict_dialog.py" line="58"/>
        <source>Keep theirs</source>
        <translation>保留对方的值</translation>
    </message>
    <message>
        <location filename="../../gui/conflict_dialog.py" line="59"/>
        <source>Use mine</source>
        <translation>使用我的值</translation>
    </message>
    <message>
        <location filename="../../gui/conflict_dialog.py" line="78"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location filename="../../gui/conflict_dialog.py" line="99"/>
        <source>row {0}, column {1}</source>
        <translation>第 {0} 行第 {1} 列</translation>
    </message>
    <message>
        <location filename="../../gui/conflict_dialog.py" line="106"/>
        <source>saved outside the review history</source>
        <translation>未经审核记录保存</translation>
    </message>
    <message>
        <location filename="../../gui/conflict_dialog.py" line="108"/>
        <source>saved by {0} at {1}</source>
        <translation>由 {0} 于 {1} 保存</translation>
    </message>
</context>
<context>
    <name>EditActions</name>
    <message>
        <location filename="../../gui/actions/edit.py" line="37"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../gui/actions/edit.py" line="40"/>
        <source>Red&amp;o</source>
        <translation>重做(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../gui/actions/edit.py" line="62"/>
        <source>Insert row &amp;above</source>
        <translation>在上方插入行(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../gui/actions/edit.py" line="67"/>
        <source>Insert row &amp;below</source>
        <translation>在下方插入行(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../gui/actions/edit.py" line="70"/>
        <source>&amp;Delete row</source>
        <translation>删除行(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../gui/actions/edit.py" line="74"/>
        <source>Pr&amp;eferences…</source>
        <translation>首选项(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../gui/actions/edit.py" line="80"/>
        <source>Not an amount: {0}</source>
        <translation>不是金额：{0}</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <location filename="../../gui/errors.py" line="40"/>
        <source>Unexpected error: {0}</source>
        <translation>意外错误：{0}</translation>
    </message>
    <message>
        <location filename="../../gui/errors.py" line="47"/>
        <source>Budget Review Desk</source>
        <translation>部门预算审核台</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <location filename="../../gui/actions/file.py" line="49"/>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../gui/actions/file.py" line="52"/>
        <source>&amp;Export workbook…</source>
        <translation>导出模板工作簿(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../gui/actions/file.py" line="55"/>
        <source>Filing &amp;details…</source>
        <translation>文件信息(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../gui/actions/file.py" line="57"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gui/actions/file.py" line="74"/>
        <source>Import filings</source>
        <translation>导入预算公开文件</translation>
    </message>
    <message>
        <location filename="../../gui/actions/file.py" line="76"/>
        <source>Filings (%1)</source>
        <translation>预算公开文件 (%1)</translation>
    </message>
    <message>
        <location filename="../../gui/actions/file.py" line="154"/>
        <source>Export workbook</source>
        <translation>导出模板工作簿</translation>
    </message>
    <message>
        <location filename="../../gui/actions/file.py" line="156"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../gui/actions/file.py" line="166"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../gui/actions/file.py" line="172"/>
        <source>Exported to {0}</source>
        <translation>已导出到 {0}</translation>
    </message>
    <message>
        <location filename="../../gui/actions/file.py" line="194"/>
        <source>Saving filing details…</source>
        <translation>正在保存文件信息…</translation>
    </message>
    <message>
        <location filename="../../gui/actions/file.py" line="207"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>FilingDetailsDialog</name>
    <message>
        <location filename="../../gui/filing_details_dialog.py" line="25"/>
        <source>Filing details</source>
        <translation>文件信息</translation>
    </message>
    <message>
        <location filename="../../gui/filing_details_dialog.py" line="33"/>
        <source>not printed</source>
        <translation>未印出</translation>
    </message>
    <message>
        <location filename="../../gui/filing_details_dialog.py" line="39"/>
        <source>Department &amp;code:</source>
        <translation>部门编码(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../gui/filing_details_dialog.py" line="40"/>
        <source>Department &amp;name:</source>
        <translation>部门名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../gui/filing_details_dialog.py" line="41"/>
        <source>Budget &amp;year:</source>
        <translation>预算年度(&amp;Y)：</translation>
    </message>
    <message>
        <location filename="../../gui/filing_details_dialog.py" line="42"/>
        <source>&amp;Unit of amounts:</source>
        <translation>金额单位(&amp;U)：</translation>
    </message>
</context>
<context>
    <name>FilingProgressLabel</name>
    <message>
        <location filename="../../gui/filing_progress.py" line="32"/>
        <source>Tables reviewed {0}/{1} · problems to decide {2}</source>
        <translation>已审核表格 {0}/{1} · 待处理问题 {2}</translation>
    </message>
</context>
<context>
    <name>FindingsDock</name>
    <message>
        <location filename="../../gui/findings_dock.py" line="149"/>
        <source>Findings</source>
        <translation>审核问题</translation>
    </message>
    <message>
        <location filename="../../gui/findings_dock.py" line="170"/>
        <source>To decide</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location filename="../../gui/findings_dock.py" line="171"/>
        <source>All errors and warnings</source>
        <translation>全部错误和警告</translation>
    </message>
    <message>
        <location filename="../../gui/findings_dock.py" line="172"/>
        <source>Decided</source>
        <translation>已处理</translation>
    </message>
    <message>
        <location filename="../../gui/findings_dock.py" line="173"/>
        <source>Notes (checks not run)</source>
        <translation>提示（未进行的检查）</translation>
    </message>
    <message>
        <location filename="../../gui/findings_dock.py" line="176"/>
        <source>Which findings to list</source>
        <translation>列出哪些问题</translation>
    </message>
    <message>
        <location filename="../../gui/findings_dock.py" line="191"/>
        <source>&amp;Confirm (raise with department)</source>
        <translation>确认，反馈部门(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gui/findings_dock.py" line="192"/>
        <source>&amp;Dismiss…</source>
        <translation>忽略(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../gui/findings_dock.py" line="193"/>
        <source>&amp;Reopen</source>
        <translation>重新打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gui/findings_dock.py" line="252"/>
        <source>{0} to decide · {1} decided · {2} notes</source>
        <translation>待处理 {0} · 已处理 {1} · 提示 {2}</translation>
    </message>
    <message>
        <location filename="../../gui/findings_dock.py" line="339"/>
        <source>Why is this not a problem? (recorded in the audit sheet)</source>
        <translation>为什么这不是问题？（记入审核记录）</translation>
    </message>
    <message>
        <location filename="../../gui/findings_dock.py" line="341"/>
        <source>Note for the department (optional):</source>
        <translation>给部门的说明（可不填）：</translation>
    </message>
    <message>
        <location filename="../../gui/findings_dock.py" line="346"/>
        <source>Dismiss {0} findings</source>
        <translation>忽略 {0} 个问题</translation>
    </message>
    <message>
        <location filename="../../gui/findings_dock.py" line="348"/>
        <source>Confirm {0} findings</source>
        <translation>确认 {0} 个问题</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <location filename="../../gui/findings_dock.py" line="78"/>
        <source>(whole filing)</source>
        <translation>（全文）</translation>
    </message>
    <message>
        <location filename="../../gui/findings_dock.py" line="91"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../gui/findings_dock.py" line="92"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../gui/findings_dock.py" line="93"/>
        <source>Note</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../gui/findings_dock.py" line="98"/>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location filename="../../gui/findings_dock.py" line="99"/>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../gui/findings_dock.py" line="100"/>
        <source>Dismissed</source>
        <translation>已忽略</translation>
    </message>
    <message>
        <location filename="../../gui/findings_dock.py" line="130"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../gui/findings_dock.py" line="131"/>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <location filename="../../gui/findings_dock.py" line="132"/>
        <source>Finding</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../gui/findings_dock.py" line="133"/>
        <source>Expected</source>
        <translation>应为</translation>
    </message>
    <message>
        <location filename="../../gui/findings_dock.py" line="134"/>
        <source>Actual</source>
        <translation>实际值</translation>
    </message>
    <message>
        <location filename="../../gui/findings_dock.py" line="135"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>ImportQueue</name>
    <message>
        <location filename="../../gui/import_queue.py" line="187"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../gui/import_queue.py" line="188"/>
        <source>Cancel the import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <location filename="../../gui/import_queue.py" line="274"/>
        <source>Import of {0} waiting files cancelled</source>
        <translation>已取消导入排队的 {0} 个文件</translation>
    </message>
    <message>
        <location filename="../../gui/import_queue.py" line="290"/>
        <source>Import of {0} and {1} waiting files cancelled</source>
        <translation>已取消导入 {0} 及排队的 {1} 个文件</translation>
    </message>
    <message>
        <location filename="../../gui/import_queue.py" line="294"/>
        <source>Import of {0} cancelled</source>
        <translation>已取消导入 {0}</translation>
    </message>
    <message>
        <location filename="../../gui/import_queue.py" line="318"/>
        <source>starting</source>
        <translation>正在开始</translation>
    </message>
    <message>
        <location filename="../../gui/import_queue.py" line="320"/>
        <source>reading pages {0}/{1}</source>
        <translation>读取页面 {0}/{1}</translation>
    </message>
    <message>
        <location filename="../../gui/import_queue.py" line="324"/>
        <source>recognising scanned pages {0}/{1}</source>
        <translation>识别扫描页 {0}/{1}</translation>
    </message>
    <message>
        <location filename="../../gui/import_queue.py" line="326"/>
        <source>assembling tables</source>
        <translation>整理表格</translation>
    </message>
    <message>
        <location filename="../../gui/import_queue.py" line="339"/>
        <source>about {0} s left</source>
        <translation>约剩 {0} 秒</translation>
    </message>
    <message>
        <location filename="../../gui/import_queue.py" line="340"/>
        <source>about {0} min {1} s left</source>
        <translation>约剩 {0} 分 {1} 秒</translation>
    </message>
    <message>
        <location filename="../../gui/import_queue.py" line="345"/>
        <source>Importing {0}</source>
        <translation>正在导入 {0}</translation>
    </message>
    <message>
        <location filename="../../gui/import_queue.py" line="348"/>
        <source>{0} more waiting</source>
        <translation>另有 {0} 个文件排队</translation>
    </message>
</context>
<context>
    <name>LibraryDock</name>
    <message>
        <location filename="../../gui/library_dock.py" line="75"/>
        <source>Library</source>
        <translation>文档库</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <location filename="../../gui/library_dock.py" line="32"/>
        <source>New</source>
        <translation>未审核</translation>
    </message>
    <message>
        <location filename="../../gui/library_dock.py" line="33"/>
        <source>In review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <location filename="../../gui/library_dock.py" line="34"/>
        <source>Reviewed</source>
        <translation>已审核</translation>
    </message>
    <message>
        <location filename="../../gui/library_dock.py" line="61"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../gui/library_dock.py" line="62"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../gui/library_dock.py" line="63"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../gui/library_dock.py" line="64"/>
        <source>Open findings</source>
        <translation>待处理问题</translation>
    </message>
    <message>
        <location filename="../../gui/library_dock.py" line="65"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="93"/>
        <source>Budget Review Desk</source>
        <translation>部门预算审核台</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="139"/>
        <source>Tables</source>
        <translation>表格</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="149"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="156"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="171"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="187"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="190"/>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="311"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; {1}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; {1}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="285"/>
        <source>{0}{1} — Budget Review Desk</source>
        <translation>{0}{1} — 部门预算审核台</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="309"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; {1} (pages {2})</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; {1}（第 {2} 页）</translation>
    </message>
</context>
<context>
    <name>OpenDocument</name>
    <message>
        <location filename="../../gui/document.py" line="141"/>
        <source>Opening…</source>
        <translation>正在打开…</translation>
    </message>
    <message>
        <location filename="../../gui/document.py" line="174"/>
        <location filename="../../gui/document.py" line="319"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../gui/preferences_dialog.py" line="43"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../../gui/preferences_dialog.py" line="43"/>
        <source>Reviewer name</source>
        <translation>审核人姓名</translation>
    </message>
    <message>
        <location filename="../../gui/preferences_dialog.py" line="48"/>
        <source>Recorded with every correction and decision.</source>
        <translation>每次更正和审核决定都会记下此姓名。</translation>
    </message>
    <message>
        <location filename="../../gui/preferences_dialog.py" line="53"/>
        <source>Please enter your name. It is recorded with every correction, decision and review mark; you can change it later under Preferences.</source>
        <translation>请输入您的姓名。每一处修改、每一项问题处理和审核标记都将记录此姓名；以后可在“首选项”中更改。</translation>
    </message>
    <message>
        <location filename="../../gui/preferences_dialog.py" line="59"/>
        <source>&amp;Reviewer name:</source>
        <translation>审核人姓名(&amp;R)：</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../gui/reason_dialog.py" line="36"/>
        <source>A dismissal needs a reason.</source>
        <translation>忽略问题须填写理由。</translation>
    </message>
</context>
<context>
    <name>ReviewActions</name>
    <message>
        <location filename="../../gui/actions/review.py" line="32"/>
        <source>Table &amp;reviewed</source>
        <translation>本表已审核(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gui/actions/review.py" line="39"/>
        <source>&amp;Mark all tables reviewed</source>
        <translation>全部表格标记已审核(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../gui/actions/review.py" line="44"/>
        <source>&amp;Next finding</source>
        <translation>下一个问题(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../gui/actions/review.py" line="48"/>
        <source>&amp;Previous finding</source>
        <translation>上一个问题(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../gui/actions/review.py" line="55"/>
        <source>&amp;Check all documents</source>
        <translation>检查全部文档(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gui/actions/review.py" line="116"/>
        <source>Edited after review: {0} is to review again.</source>
        <translation>已审核的表格被修改：{0} 已退回待审核。</translation>
    </message>
    <message>
        <location filename="../../gui/actions/review.py" line="168"/>
        <source>Tables marked reviewed: {0}</source>
        <translation>已标记为已审核的表格：{0} 张</translation>
    </message>
    <message>
        <location filename="../../gui/actions/review.py" line="170"/>
        <source>; left to review, with open errors: {0}</source>
        <translation>；尚有待处理错误、留待审核的表格：{0} 张</translation>
    </message>
    <message>
        <location filename="../../gui/actions/review.py" line="216"/>
        <source>{0} errors in this table are still open. Mark it reviewed anyway?</source>
        <translation>本表还有 {0} 个错误未处理。仍要标记为已审核吗？</translation>
    </message>
    <message>
        <location filename="../../gui/actions/review.py" line="219"/>
        <source>{0} errors in this filing are still open. Export anyway?</source>
        <translation>本文件还有 {0} 个错误未处理。仍要导出吗？</translation>
    </message>
    <message>
        <location filename="../../gui/actions/review.py" line="232"/>
        <source>Open errors</source>
        <translation>有未处理的错误</translation>
    </message>
    <message>
        <location filename="../../gui/actions/review.py" line="245"/>
        <source>All documents checked.</source>
        <translation>全部文档已检查。</translation>
    </message>
    <message>
        <location filename="../../gui/actions/review.py" line="249"/>
        <source>Checking all documents…</source>
        <translation>正在检查全部文档…</translation>
    </message>
</context>
<context>
    <name>TableListModel</name>
    <message>
        <location filename="../../gui/table_list.py" line="92"/>
        <source>header</source>
        <translation>表头</translation>
    </message>
    <message>
        <location filename="../../gui/table_list.py" line="92"/>
        <source>indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../gui/table_list.py" line="97"/>
        <source>Reviewed</source>
        <translation>已审核</translation>
    </message>
    <message>
        <location filename="../../gui/table_list.py" line="97"/>
        <source>To review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location filename="../../gui/table_list.py" line="102"/>
        <source>outside the catalog</source>
        <translation>目录外的表</translation>
    </message>
    <message>
        <location filename="../../gui/table_list.py" line="103"/>
        <source>{0}
Pages: {1}</source>
        <translation>{0}
页码：{1}</translation>
    </message>
    <message>
        <location filename="../../gui/table_list.py" line="106"/>
        <source>Reviewed by {0} on {1}</source>
        <translation>{0} 于 {1} 标记为已审核</translation>
    </message>
    <message>
        <location filename="../../gui/table_list.py" line="119"/>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <location filename="../../gui/table_list.py" line="119"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../gui/table_list.py" line="119"/>
        <source>Open findings</source>
        <translation>待处理问题</translation>
    </message>
    <message>
        <location filename="../../gui/table_list.py" line="119"/>
        <source>Pages</source>
        <translation>页码</translation>
    </message>
</context>
<context>
    <name>TableView</name>
    <message>
        <location filename="../../gui/table_view.py" line="93"/>
        <source>Edit &amp;header rows</source>
        <translation>编辑表头行(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../gui/table_view.py" line="96"/>
        <source>Show the filing&apos;s header rows in the table to correct their text</source>
        <translation>在表格中显示原表表头行，以便更正其文字</translation>
    </message>
</context>
<context>
    <name>ViewActions</name>
    <message>
        <location filename="../../gui/actions/view.py" line="33"/>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../gui/actions/view.py" line="38"/>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../gui/actions/view.py" line="41"/>
        <source>&amp;Fit width</source>
        <translation>适合宽度(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gui/actions/view.py" line="45"/>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../gui/actions/view.py" line="48"/>
        <source>Page </source>
        <translation>第 </translation>
    </message>
    <message>
        <location filename="../../gui/actions/view.py" line="49"/>
        <source>Go to page</source>
        <translation>转到页</translation>
    </message>
    <message>
        <location filename="../../gui/actions/view.py" line="135"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../gui/actions/view.py" line="149"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../gui/actions/view.py" line="150"/>
        <source>The language changes when the program restarts.</source>
        <translation>重新启动程序后切换语言。</translation>
    </message>
    <message>
        <location filename="../../gui/actions/view.py" line="156"/>
        <source>About Budget Review Desk</source>
        <translation>关于部门预算审核台</translation>
    </message>
    <message>
        <location filename="../../gui/actions/view.py" line="158"/>
        <source>&lt;h3&gt;Budget Review Desk&lt;/h3&gt;&lt;p&gt;Review department budget disclosures (部门预算信息公开): correct the extracted tables, check the sums, export the provincial template workbook.&lt;/p&gt;&lt;p&gt;Reviewer: {0}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;部门预算审核台&lt;/h3&gt;&lt;p&gt;审核部门预算信息公开文件：校正提取的表格，核对勾稽关系，导出省级模板工作簿。&lt;/p&gt;&lt;p&gt;审核人：{0}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>catalog</name>
    <message>
        <location filename="../../gui/catalog.py" line="9"/>
        <source>Revenue and expenditure summary</source>
        <translation>部门预算收支总表</translation>
    </message>
    <message>
        <location filename="../../gui/catalog.py" line="10"/>
        <source>Revenue summary</source>
        <translation>部门预算收入总表</translation>
    </message>
    <message>
        <location filename="../../gui/catalog.py" line="11"/>
        <source>Expenditure summary</source>
        <translation>部门预算支出总表</translation>
    </message>
    <message>
        <location filename="../../gui/catalog.py" line="12"/>
        <source>Fiscal appropriation summary</source>
        <translation>部门预算财政拨款收支总表</translation>
    </message>
    <message>
        <location filename="../../gui/catalog.py" line="13"/>
        <source>General public budget expenditure</source>
        <translation>一般公共预算财政拨款支出表</translation>
    </message>
    <message>
        <location filename="../../gui/catalog.py" line="14"/>
        <source>General public budget basic expenditure</source>
        <translation>一般公共预算财政拨款基本支出表</translation>
    </message>
    <message>
        <location filename="../../gui/catalog.py" line="17"/>
        <source>Government fund expenditure</source>
        <translation>政府性基金预算财政拨款支出表</translation>
    </message>
    <message>
        <location filename="../../gui/catalog.py" line="18"/>
        <source>State capital operation expenditure</source>
        <translation>国有资本经营预算财政拨款支出表</translation>
    </message>
    <message>
        <location filename="../../gui/catalog.py" line="19"/>
        <source>“Three public” expenditure</source>
        <translation>财政拨款“三公”经费支出表</translation>
    </message>
    <message>
        <location filename="../../gui/catalog.py" line="20"/>
        <source>Government procurement</source>
        <translation>政府采购预算表</translation>
    </message>
    <message>
        <location filename="../../gui/catalog.py" line="21"/>
        <source>Fixed assets</source>
        <translation>固定资产占用情况表</translation>
    </message>
    <message>
        <location filename="../../gui/catalog.py" line="22"/>
        <source>Organization</source>
        <translation>机构设置情况</translation>
    </message>
    <message>
        <location filename="../../gui/catalog.py" line="23"/>
        <source>Project performance targets</source>
        <translation>项目绩效目标表</translation>
    </message>
    <message>
        <location filename="../../gui/catalog.py" line="24"/>
        <source>Overall performance targets</source>
        <translation>部门整体绩效指标表</translation>
    </message>
    <message>
        <location filename="../../gui/catalog.py" line="36"/>
        <source>(untitled table)</source>
        <translation>（无标题表格）</translation>
    </message>
</context>
<context>
    <name>commands</name>
    <message>
        <location filename="../../gui/commands.py" line="84"/>
        <source>edit {0}: {1} → {2}</source>
        <translation>修改{0}：{1} → {2}</translation>
    </message>
    <message>
        <location filename="../../gui/commands.py" line="132"/>
        <source>insert a row above {0}</source>
        <translation>在{0}上方插入一行</translation>
    </message>
    <message>
        <location filename="../../gui/commands.py" line="134"/>
        <source>insert row {0}</source>
        <translation>插入第 {0} 行</translation>
    </message>
    <message>
        <location filename="../../gui/commands.py" line="169"/>
        <source>delete {0}</source>
        <translation>删除{0}</translation>
    </message>
</context>
<context>
    <name>jobs</name>
    <message>
        <location filename="../../gui/jobs.py" line="171"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
