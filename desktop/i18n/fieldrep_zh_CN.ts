<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ActionItemRow</name>
    <message>
        <source>What will be done</source>
        <translation>要做什么</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>due</source>
        <translation>截止</translation>
    </message>
</context>
<context>
    <name>ArticleView</name>
    <message>
        <source>I have read this</source>
        <translation>我已阅读</translation>
    </message>
    <message>
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <source>Search, or pick an article on the left.</source>
        <translation>请搜索，或在左侧选择一篇文章。</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>第 %1 版</translation>
    </message>
    <message>
        <source>published %1</source>
        <translation>发布于 %1</translation>
    </message>
    <message>
        <source>valid until %1</source>
        <translation>有效期至 %1</translation>
    </message>
    <message>
        <source>Expired: do not use with doctors</source>
        <translation>已过期：请勿向医生使用</translation>
    </message>
    <message>
        <source>Must read — you confirmed it on %1.</source>
        <translation>必读——您已于 %1 确认阅读。</translation>
    </message>
    <message>
        <source>Must read: confirm once you have read it. Your manager sees the confirmation.</source>
        <translation>必读：阅读后请确认。您的经理可以看到确认情况。</translation>
    </message>
    <message>
        <source>The file on the server did not match its checksum; it will be fetched again.</source>
        <translation>服务器上的文件与校验值不符，将重新下载。</translation>
    </message>
    <message>
        <source>Not on this device yet: it downloads after the next sync.</source>
        <translation>尚未下载到本机：下次同步后自动下载。</translation>
    </message>
</context>
<context>
    <name>AttachmentView</name>
    <message>
        <source>← Back to the article</source>
        <translation>← 返回文章</translation>
    </message>
    <message>
        <source>%1 is not on this device yet. It downloads in the background after a sync with the server.</source>
        <translation>%1 尚未下载到本机。与服务器同步后会在后台下载。</translation>
    </message>
    <message>
        <source>%1 cannot be shown: the image is damaged.</source>
        <translation>无法显示 %1：图片已损坏。</translation>
    </message>
</context>
<context>
    <name>CompanionPicker</name>
    <message>
        <source>No manager to choose: sync to get your managers.</source>
        <translation>没有可选的经理：请同步以获取您的经理。</translation>
    </message>
    <message>
        <source>A former manager</source>
        <translation>前任经理</translation>
    </message>
    <message>
        <source>DM</source>
        <translation>地区经理</translation>
    </message>
    <message>
        <source>RM</source>
        <translation>大区经理</translation>
    </message>
</context>
<context>
    <name>CompanyPage</name>
    <message>
        <source>Rep</source>
        <translation>代表</translation>
    </message>
    <message>
        <source>District manager</source>
        <translation>地区经理</translation>
    </message>
    <message>
        <source>Regional manager</source>
        <translation>大区经理</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>科室</translation>
    </message>
    <message>
        <source>Doctor assignments</source>
        <translation>医生分配</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>销售</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Competitor products</source>
        <translation>竞品</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Imported, some rows rejected</source>
        <translation>已导入，部分行被拒绝</translation>
    </message>
    <message>
        <source>Refused, nothing imported</source>
        <translation>被拒绝，未导入任何数据</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Fetch the company&apos;s figures from the server</source>
        <translation>从服务器获取公司数据</translation>
    </message>
    <message>
        <source>Filter by name, username, role or place</source>
        <translation>按姓名、用户名、角色或地区筛选</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>大区</translation>
    </message>
    <message>
        <source>District</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Territory</source>
        <translation>辖区</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Run by</source>
        <translation>执行人</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>No import has been recorded yet. Imports are run on the server with fieldrep-server import, rules import and kb import.</source>
        <translation>尚无导入记录。导入在服务器上通过 fieldrep-server import、rules import 和 kb import 执行。</translation>
    </message>
    <message>
        <source>Regions and districts</source>
        <translation>大区与地区</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Import history</source>
        <translation>导入记录</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司概览</translation>
    </message>
    <message>
        <source>Read-only: the whole company as the server last reported it. Users and data are managed with fieldrep-server on the server.</source>
        <translation>只读：服务器最近一次报告的全公司情况。用户和数据在服务器上通过 fieldrep-server 管理。</translation>
    </message>
    <message>
        <source>Refreshing…</source>
        <translation>正在刷新…</translation>
    </message>
    <message>
        <source>Last updated: %1</source>
        <translation>最近更新：%1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Fetching the company&apos;s figures from the server…</source>
        <translation>正在从服务器获取公司数据…</translation>
    </message>
    <message>
        <source>No company data has been fetched yet. Connect to the server and press Refresh.</source>
        <translation>尚未获取公司数据。请连接服务器后点击“刷新”。</translation>
    </message>
    <message>
        <source>Offline: the server cannot be reached. No company data has been fetched yet; connect to the server and press Refresh.</source>
        <translation>离线：无法连接服务器。尚未获取公司数据；请连接服务器后点击“刷新”。</translation>
    </message>
    <message>
        <source>Offline: showing the figures fetched %1.</source>
        <translation>离线：显示 %1 获取的数据。</translation>
    </message>
    <message>
        <source>The server answers this page to administrators only.</source>
        <translation>服务器仅向管理员提供此页面的数据。</translation>
    </message>
    <message>
        <source>The session has ended: sign in again to refresh.</source>
        <translation>会话已结束：请重新登录后刷新。</translation>
    </message>
    <message>
        <source>The server could not answer: %1</source>
        <translation>服务器无法应答：%1</translation>
    </message>
    <message>
        <source>Ungraded</source>
        <translation>未分级</translation>
    </message>
    <message>
        <source>Grade %1</source>
        <translation>%1 级</translation>
    </message>
    <message>
        <source>Region / district</source>
        <translation>大区 / 地区</translation>
    </message>
    <message>
        <source>Territories</source>
        <translation>辖区</translation>
    </message>
    <message>
        <source>Reps</source>
        <translation>代表</translation>
    </message>
    <message>
        <source>DMs</source>
        <translation>地区经理</translation>
    </message>
    <message>
        <source>Doctors</source>
        <translation>医生</translation>
    </message>
    <message>
        <source>Institutions</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Regions: %1 · districts: %2 · reps: %3 · doctors: %4 (%5 without territory) · institutions: %6 · visits this month: %7, last month: %8 · coverage: %9</source>
        <translation>%1 个大区 · %2 个地区 · %3 名代表 · %4 位医生（%5 位未分配辖区）· %6 家机构 · 本月拜访 %7 次，上月 %8 次 · 覆盖率 %9</translation>
    </message>
    <message>
        <source>District managers</source>
        <translation>地区经理</translation>
    </message>
    <message>
        <source>Active doctors with a territory</source>
        <translation>已分配辖区的在职医生</translation>
    </message>
    <message>
        <source>Institutions where these doctors work</source>
        <translation>这些医生所在的机构</translation>
    </message>
    <message>
        <source>Visits %1</source>
        <translation>%1 拜访</translation>
    </message>
    <message>
        <source>Counted visits (submitted, of a counting type)</source>
        <translation>计入的拜访（已提交、计入类型）</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>覆盖率</translation>
    </message>
    <message>
        <source>Target doctors seen at least once this month</source>
        <translation>本月至少拜访一次的目标医生占比</translation>
    </message>
    <message>
        <source>Frequency</source>
        <translation>频次达成</translation>
    </message>
    <message>
        <source>Required visits done this month (capped per doctor)</source>
        <translation>本月应拜访次数的完成比例（每位医生按要求封顶计）</translation>
    </message>
    <message>
        <source>%1 of %2 target doctors seen at least once this month</source>
        <translation>本月 %2 位目标医生中已拜访至少一次的有 %1 位</translation>
    </message>
    <message>
        <source>%1 of %2 required visits done this month (capped per doctor)</source>
        <translation>本月应拜访 %2 次，已完成 %1 次（每位医生按要求封顶计）</translation>
    </message>
    <message>
        <source>Whole company</source>
        <translation>全公司</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>CompetencyRow</name>
    <message>
        <source>Note (what you observed)</source>
        <translation>备注（观察到的情况）</translation>
    </message>
</context>
<context>
    <name>DataQualityTab</name>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Yesterday and today</source>
        <translation>昨天和今天</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>All reps</source>
        <translation>全部代表</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Rep</source>
        <translation>代表</translation>
    </message>
    <message>
        <source>Data quality exceptions</source>
        <translation>数据质量异常</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Doctor / institution</source>
        <translation>医生 / 机构</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>The range must end on or after its first day.</source>
        <translation>结束日期不能早于开始日期。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>%1 exception(s) of %2 in %3 – %4</source>
        <translation>显示 %1 条异常（共 %2 条），%3 – %4</translation>
    </message>
    <message>
        <source>Missing field</source>
        <translation>字段缺失</translation>
    </message>
    <message>
        <source>Thin field</source>
        <translation>内容过短</translation>
    </message>
    <message>
        <source>Outside working hours</source>
        <translation>非工作时间</translation>
    </message>
    <message>
        <source>Duplicate visit</source>
        <translation>重复拜访</translation>
    </message>
    <message>
        <source>No grade inputs</source>
        <translation>缺少分级依据</translation>
    </message>
    <message>
        <source>Plan day with nothing done</source>
        <translation>计划日无拜访</translation>
    </message>
    <message>
        <source>Doctor feedback</source>
        <translation>医生反馈</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>拜访目的</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>拜访结果</translation>
    </message>
    <message>
        <source>title</source>
        <translation>职称</translation>
    </message>
    <message>
        <source>department outpatients</source>
        <translation>科室门诊量</translation>
    </message>
    <message>
        <source>department beds</source>
        <translation>科室床位数</translation>
    </message>
    <message>
        <source>product potential</source>
        <translation>产品潜力</translation>
    </message>
    <message>
        <source>%1 is empty</source>
        <translation>%1为空</translation>
    </message>
    <message>
        <source>%1: %2 characters (at least %3)</source>
        <translation>%1：%2 个字（至少 %3 个）</translation>
    </message>
    <message>
        <source>%1–%2, before working hours</source>
        <translation>%1–%2，早于工作时间</translation>
    </message>
    <message>
        <source>%1–%2, after working hours</source>
        <translation>%1–%2，晚于工作时间</translation>
    </message>
    <message>
        <source>%1–%2 on a day off</source>
        <translation>%1–%2，非工作日</translation>
    </message>
    <message>
        <source>%1 visits that day: %2</source>
        <translation>当天拜访 %1 次：%2</translation>
    </message>
    <message>
        <source>missing: %1</source>
        <translation>缺少：%1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>%1 visit(s) planned, none done</source>
        <translation>计划拜访 %1 次，均未完成</translation>
    </message>
</context>
<context>
    <name>DoctorDetailPane</name>
    <message>
        <source>By grade</source>
        <translation>按级别</translation>
    </message>
    <message>
        <source>Always a target</source>
        <translation>始终为目标</translation>
    </message>
    <message>
        <source>Never a target</source>
        <translation>始终非目标</translation>
    </message>
    <message>
        <source>Mark this doctor a target (or not) whatever the grade; frequency, reminders and suggestions follow.</source>
        <translation>不论级别，将此医生设为目标（或非目标）；拜访频率、提醒和建议随之调整。</translation>
    </message>
    <message>
        <source>Your district manager decides whether this doctor is a target.</source>
        <translation>此医生是否为目标由您的地区经理决定。</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Rep</source>
        <translation>代表</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>拜访目的</translation>
    </message>
    <message>
        <source>Double-click a visit to open it.</source>
        <translation>双击拜访可打开。</translation>
    </message>
    <message>
        <source>Log a visit</source>
        <translation>记录拜访</translation>
    </message>
    <message>
        <source>Double-click a planned visit to record it.</source>
        <translation>双击计划拜访即可记录。</translation>
    </message>
    <message>
        <source>Planned date</source>
        <translation>计划日期</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Select a doctor to see the profile and visit history.</source>
        <translation>选择一位医生以查看档案和拜访记录。</translation>
    </message>
    <message>
        <source>Print history…</source>
        <translation>打印拜访历史…</translation>
    </message>
    <message>
        <source>Product articles…</source>
        <translation>产品资料…</translation>
    </message>
    <message>
        <source>The knowledge base articles of the products this doctor has potential for</source>
        <translation>该医生有潜力的产品在知识库中的文章</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>目标：</translation>
    </message>
    <message>
        <source>Upcoming planned visits</source>
        <translation>即将进行的计划拜访</translation>
    </message>
    <message>
        <source>Visit history</source>
        <translation>拜访记录</translation>
    </message>
    <message>
        <source>Hospital level</source>
        <translation>医院等级</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Specialty</source>
        <translation>专长</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Product potential</source>
        <translation>产品潜力</translation>
    </message>
    <message>
        <source>Grade %1 (score %2)</source>
        <translation>%1 级（得分 %2）</translation>
    </message>
    <message>
        <source>Not graded</source>
        <translation>未分级</translation>
    </message>
    <message>
        <source>a target</source>
        <translation>目标医生</translation>
    </message>
    <message>
        <source>not a target</source>
        <translation>非目标医生</translation>
    </message>
    <message>
        <source>This month: %1 of %2 visits (%3 due by today)</source>
        <translation>本月：已拜访 %1 次，共需 %2 次（截至今日应完成 %3 次）</translation>
    </message>
    <message>
        <source>behind on frequency</source>
        <translation>拜访频次不足</translation>
    </message>
</context>
<context>
    <name>DoctorFilterBar</name>
    <message>
        <source>Search name, pinyin (zhangwei, zw) or hospital</source>
        <translation>搜索姓名、拼音（zhangwei、zw）或医院</translation>
    </message>
    <message>
        <source>Sort by name</source>
        <translation>按姓名排序</translation>
    </message>
    <message>
        <source>Sort by grade</source>
        <translation>按分级排序</translation>
    </message>
    <message>
        <source>Behind on frequency</source>
        <translation>频次不足</translation>
    </message>
    <message>
        <source>All institutions</source>
        <translation>全部机构</translation>
    </message>
    <message>
        <source>All titles</source>
        <translation>全部职称</translation>
    </message>
    <message>
        <source>All grades</source>
        <translation>全部分级</translation>
    </message>
    <message>
        <source>Grade %1</source>
        <translation>%1 级</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>全部科室</translation>
    </message>
</context>
<context>
    <name>DoctorsPage</name>
    <message>
        <source>Product articles — %1</source>
        <translation>产品资料 — %1</translation>
    </message>
    <message>
        <source>No doctors yet</source>
        <translation>暂无医生</translation>
    </message>
    <message>
        <source>Sync to download your doctors.</source>
        <translation>请同步以下载您的医生。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>科室</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职称</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>Visits this month</source>
        <translation>本月拜访</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>最近拜访</translation>
    </message>
    <message>
        <source>%1 of %2 doctors</source>
        <translation>%1 / %2 位医生</translation>
    </message>
    <message>
        <source>Could not read the doctors: %1</source>
        <translation>无法读取医生数据：%1</translation>
    </message>
    <message>
        <source>Only a district or regional manager marks a doctor as a target.</source>
        <translation>只有地区经理或大区经理可以设置医生是否为目标。</translation>
    </message>
</context>
<context>
    <name>DrillDownView</name>
    <message>
        <source>Double-click a line, or press Enter, to see the level below.</source>
        <translation>双击一行（或按回车键）查看下一级。</translation>
    </message>
    <message>
        <source>Doctors</source>
        <translation>医生</translation>
    </message>
    <message>
        <source>Doctor</source>
        <translation>医生</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>拜访数</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>应拜访</translation>
    </message>
    <message>
        <source>Due so far</source>
        <translation>截至目前应拜访</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>最近拜访</translation>
    </message>
    <message>
        <source>Behind</source>
        <translation>是否落后</translation>
    </message>
    <message>
        <source>Hospitals: sales against visits</source>
        <translation>医院：销量与拜访</translation>
    </message>
    <message>
        <source>Hospital</source>
        <translation>医院</translation>
    </message>
    <message>
        <source>Target doctors</source>
        <translation>目标医生</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>销量</translation>
    </message>
    <message>
        <source>Sold per visit</source>
        <translation>每次拜访销量</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Regions</source>
        <translation>大区</translation>
    </message>
    <message>
        <source>Districts</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>My doctors and hospitals</source>
        <translation>我的医生和医院</translation>
    </message>
    <message>
        <source>Reps</source>
        <translation>代表</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>大区</translation>
    </message>
    <message>
        <source>District</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Rep</source>
        <translation>代表</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>覆盖率</translation>
    </message>
    <message>
        <source>Frequency attainment</source>
        <translation>拜访频率达成率</translation>
    </message>
    <message>
        <source>Visits per working day per rep</source>
        <translation>人均每工作日拜访</translation>
    </message>
    <message>
        <source>Average quality</source>
        <translation>平均质量</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Sales attainment</source>
        <translation>销售达成率</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>behind</source>
        <translation>落后</translation>
    </message>
    <message>
        <source>on track</source>
        <translation>正常</translation>
    </message>
</context>
<context>
    <name>EvaluationDetail</name>
    <message>
        <source>Choose an evaluation in the list.</source>
        <translation>请在列表中选择一条评估。</translation>
    </message>
    <message>
        <source>{evaluatee} — {date}</source>
        <translation>{evaluatee} — {date}</translation>
    </message>
    <message>
        <source>{kind} by {evaluator} · {status}</source>
        <translation>{kind} · 评估人 {evaluator} · {status}</translation>
    </message>
    <message>
        <source>Corrects an earlier evaluation.</source>
        <translation>此评估更正了之前的一条评估。</translation>
    </message>
    <message>
        <source>Weighted total: {total} / {max}</source>
        <translation>加权总分：{total} / {max}</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Strengths</source>
        <translation>优点</translation>
    </message>
    <message>
        <source>Areas to improve</source>
        <translation>待改进</translation>
    </message>
    <message>
        <source>Visits observed: {n}</source>
        <translation>观察拜访：{n} 次</translation>
    </message>
    <message>
        <source>Indicators at the date</source>
        <translation>评估当日指标</translation>
    </message>
    <message>
        <source>Continue editing…</source>
        <translation>继续编辑…</translation>
    </message>
    <message>
        <source>Open form…</source>
        <translation>打开表单…</translation>
    </message>
    <message>
        <source>Record a correction…</source>
        <translation>记录更正…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>The evaluation form with its signature lines, as PDF</source>
        <translation>评估表（含双方签字栏），PDF</translation>
    </message>
    <message>
        <source>Action items</source>
        <translation>行动项</translation>
    </message>
    <message>
        <source>No action items.</source>
        <translation>无行动项。</translation>
    </message>
    <message>
        <source>no due date</source>
        <translation>无截止日期</translation>
    </message>
    <message>
        <source>{text} (due {due})</source>
        <translation>{text}（截止 {due}）</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Acknowledgement</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Acknowledged by {name}.</source>
        <translation>{name} 已确认。</translation>
    </message>
    <message>
        <source>Comment: {text}</source>
        <translation>意见：{text}</translation>
    </message>
    <message>
        <source>Your comment (optional)</source>
        <translation>您的意见（可选）</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Waiting for {name} to acknowledge.</source>
        <translation>等待 {name} 确认。</translation>
    </message>
    <message>
        <source>A draft: the evaluated person does not see it yet.</source>
        <translation>草稿：被评估人暂时看不到。</translation>
    </message>
</context>
<context>
    <name>EvaluationDialog</name>
    <message>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>New evaluation</source>
        <translation>新建评估</translation>
    </message>
    <message>
        <source>Competencies</source>
        <translation>能力项</translation>
    </message>
    <message>
        <source>Record a correction…</source>
        <translation>记录更正…</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>保存草稿</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Whom and when</source>
        <translation>评估对象和日期</translation>
    </message>
    <message>
        <source>Evaluated person</source>
        <translation>被评估人</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Visits observed</source>
        <translation>观察的拜访</translation>
    </message>
    <message>
        <source>No visits of this person on this day in your replica.</source>
        <translation>本机数据中此人当天没有拜访。</translation>
    </message>
    <message>
        <source>Indicators at the date (month to date)</source>
        <translation>评估当日指标（本月截至当日）</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <source>Strengths</source>
        <translation>优点</translation>
    </message>
    <message>
        <source>Areas to improve</source>
        <translation>待改进</translation>
    </message>
    <message>
        <source>Action items</source>
        <translation>行动项</translation>
    </message>
    <message>
        <source>Add action item</source>
        <translation>添加行动项</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <source>(not in your team)</source>
        <translation>（不在您的团队）</translation>
    </message>
    <message>
        <source>Co-visit evaluation (协访)</source>
        <translation>协访评估</translation>
    </message>
    <message>
        <source>Accompanied-visit evaluation (随访)</source>
        <translation>随访评估</translation>
    </message>
    <message>
        <source>Correction of the evaluation of {date}</source>
        <translation>更正 {date} 的评估</translation>
    </message>
    <message>
        <source>Comment: {text}</source>
        <translation>意见：{text}</translation>
    </message>
    <message>
        <source>(you accompanied)</source>
        <translation>（您随访）</translation>
    </message>
    <message>
        <source>Choose the evaluated person.</source>
        <translation>请选择被评估人。</translation>
    </message>
    <message>
        <source>Weighted total: {total} / {max}</source>
        <translation>加权总分：{total} / {max}</translation>
    </message>
    <message>
        <source>Submit evaluation</source>
        <translation>提交评估</translation>
    </message>
    <message>
        <source>After submitting, the evaluation is locked and sent to the evaluated person. Submit now?</source>
        <translation>提交后评估将被锁定并发送给被评估人。现在提交吗？</translation>
    </message>
    <message>
        <source>saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Not saved: see the problems above. Close again to discard the changes.</source>
        <translation>未保存：请查看上方的问题。再次关闭将放弃这些更改。</translation>
    </message>
</context>
<context>
    <name>EvaluationWords</name>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Submitted, awaiting acknowledgement</source>
        <translation>已提交，待确认</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Accompanied visit (随访)</source>
        <translation>随访</translation>
    </message>
    <message>
        <source>Co-visit (协访)</source>
        <translation>协访</translation>
    </message>
    <message>
        <source>Choose whom you evaluate.</source>
        <translation>请选择被评估人。</translation>
    </message>
    <message>
        <source>The date is required.</source>
        <translation>请填写日期。</translation>
    </message>
    <message>
        <source>Score every competency before submitting.</source>
        <translation>提交前请为每项能力评分。</translation>
    </message>
    <message>
        <source>An action item needs a text.</source>
        <translation>行动项需要填写内容。</translation>
    </message>
    <message>
        <source>You can only evaluate a member of your own team.</source>
        <translation>只能评估本团队的成员。</translation>
    </message>
    <message>
        <source>The date cannot be in the future.</source>
        <translation>日期不能晚于今天。</translation>
    </message>
    <message>
        <source>The score must be a whole number from {low} to {high}.</source>
        <translation>评分必须是 {low} 到 {high} 之间的整数。</translation>
    </message>
    <message>
        <source>This competency is not part of the template.</source>
        <translation>该能力项不属于此评估模板。</translation>
    </message>
    <message>
        <source>An observed visit could not be found.</source>
        <translation>找不到所选的观察拜访。</translation>
    </message>
    <message>
        <source>An observed visit is not one of the evaluated person&apos;s.</source>
        <translation>所选的观察拜访不属于被评估人。</translation>
    </message>
    <message>
        <source>An observed visit is not on the evaluation date.</source>
        <translation>所选的观察拜访不在评估当天。</translation>
    </message>
    <message>
        <source>An action item is at most 1000 characters.</source>
        <translation>行动项最多 1000 个字符。</translation>
    </message>
    <message>
        <source>An action item is due on or after the evaluation date.</source>
        <translation>行动项的截止日期不能早于评估日期。</translation>
    </message>
    <message>
        <source>The evaluation template is not available.</source>
        <translation>评估模板不可用。</translation>
    </message>
    <message>
        <source>Frequency attainment</source>
        <translation>拜访频次达成率</translation>
    </message>
    <message>
        <source>Grade {grade} ({doctors} doctors)</source>
        <translation>{grade} 级（{doctors} 位医生）</translation>
    </message>
    <message>
        <source>Target doctors covered</source>
        <translation>目标医生覆盖</translation>
    </message>
    <message>
        <source>Visits per working day</source>
        <translation>日均拜访（工作日）</translation>
    </message>
    <message>
        <source>Average visit quality</source>
        <translation>平均拜访质量分</translation>
    </message>
    <message>
        <source>Plan adherence</source>
        <translation>计划达成</translation>
    </message>
    <message>
        <source>no plan</source>
        <translation>无计划</translation>
    </message>
    <message>
        <source>Reps in the team</source>
        <translation>团队代表人数</translation>
    </message>
</context>
<context>
    <name>EvaluationsPage</name>
    <message>
        <source>Evaluations</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>New evaluation…</source>
        <translation>新建评估…</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>跟进</translation>
    </message>
    <message>
        <source>Trends</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Written by me</source>
        <translation>我写的</translation>
    </message>
    <message>
        <source>About me</source>
        <translation>关于我</translation>
    </message>
    <message>
        <source>My team</source>
        <translation>我的团队</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>全部时间</translation>
    </message>
    <message numerus="yes">
        <source>Last %n month(s)</source>
        <translation>
            <numerusform>最近 %n 个月</numerusform>
        </translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Competency</source>
        <translation>能力项</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Evaluated</source>
        <translation>被评估人</translation>
    </message>
    <message>
        <source>Evaluator</source>
        <translation>评估人</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Open items</source>
        <translation>未完成行动项</translation>
    </message>
    <message>
        <source>Double-click an entry to open its evaluation.</source>
        <translation>双击条目可打开对应的评估。</translation>
    </message>
    <message>
        <source>Trend of</source>
        <translation>趋势：</translation>
    </message>
    <message>
        <source>(person and period as chosen on the list)</source>
        <translation>（人员和期间按列表中的筛选）</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>No evaluations match these filters.</source>
        <translation>没有符合筛选条件的评估。</translation>
    </message>
    <message>
        <source>{n} evaluation(s) · {ack} to acknowledge · {pending} awaiting acknowledgement · {overdue} overdue action item(s)</source>
        <translation>共 {n} 条评估 · {ack} 条待我确认 · {pending} 条等待对方确认 · {overdue} 个行动项逾期</translation>
    </message>
    <message>
        <source>{n} evaluation(s) about you · {ack} to acknowledge · {items} open action item(s)</source>
        <translation>关于您的评估 {n} 条 · {ack} 条待确认 · {items} 个未完成行动项</translation>
    </message>
    <message>
        <source>Submitted, waiting for acknowledgement</source>
        <translation>已提交，等待确认</translation>
    </message>
    <message>
        <source>To acknowledge</source>
        <translation>待我确认</translation>
    </message>
    <message>
        <source>{date} · {name} · total {total}</source>
        <translation>{date} · {name} · 总分 {total}</translation>
    </message>
    <message>
        <source>Overdue action items</source>
        <translation>逾期行动项</translation>
    </message>
    <message>
        <source>{name}: {text} (due {due})</source>
        <translation>{name}：{text}（截止 {due}）</translation>
    </message>
    <message>
        <source>My open action items</source>
        <translation>我的未完成行动项</translation>
    </message>
    <message>
        <source>{text} (due {due})</source>
        <translation>{text}（截止 {due}）</translation>
    </message>
    <message>
        <source>Nothing here.</source>
        <translation>暂无。</translation>
    </message>
    <message>
        <source>Weighted total</source>
        <translation>加权总分</translation>
    </message>
    <message>
        <source>Evaluations per evaluator and month (target per month by rule)</source>
        <translation>每位评估人每月评估次数（按规则的每月目标）</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Team average</source>
        <translation>团队平均</translation>
    </message>
    <message>
        <source>No submitted evaluations in the last two years.</source>
        <translation>近两年没有已提交的评估。</translation>
    </message>
</context>
<context>
    <name>ExportableTable</name>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
</context>
<context>
    <name>FieldDaysPanel</name>
    <message>
        <source>Tick the reps you will ride along with each day; changes are kept at once, also offline.</source>
        <translation>勾选每天要随访的代表；更改立即保存，离线也可以。</translation>
    </message>
    <message>
        <source>Your district managers&apos; field days: pick one, then a day; approve or return a submitted week.</source>
        <translation>您的地区经理的协访日程：先选一位经理，再选一天；批准或退回已提交的一周。</translation>
    </message>
    <message>
        <source>District manager</source>
        <translation>地区经理</translation>
    </message>
    <message>
        <source>Field days this month</source>
        <translation>本月协访天数</translation>
    </message>
    <message>
        <source>Reps accompanied</source>
        <translation>随访代表人数</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Comment for the district manager (required to return)</source>
        <translation>给地区经理的意见（退回时必填）</translation>
    </message>
    <message>
        <source>Approve field days</source>
        <translation>批准协访日程</translation>
    </message>
    <message>
        <source>Return with comment</source>
        <translation>退回并附意见</translation>
    </message>
    <message>
        <source>Submit field days</source>
        <translation>提交协访日程</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Preview, print or save this week&apos;s field days as PDF</source>
        <translation>预览、打印本周协访计划或保存为 PDF</translation>
    </message>
    <message>
        <source>This week&apos;s field days are submitted or approved: they can no longer be changed.</source>
        <translation>本周协访日程已提交或已批准，不能再修改。</translation>
    </message>
    <message>
        <source>You can only ride along with the reps of your own team.</source>
        <translation>只能随访您自己团队的代表。</translation>
    </message>
    <message>
        <source>Plan at least one field day before submitting the week.</source>
        <translation>提交前请至少安排一天协访。</translation>
    </message>
    <message>
        <source>Say why the field days go back: the district manager sees your comment.</source>
        <translation>请说明退回原因：地区经理会看到您的意见。</translation>
    </message>
    <message>
        <source>Only the regional manager of this district manager can approve or return the field days.</source>
        <translation>只有该地区经理的大区经理可以批准或退回协访日程。</translation>
    </message>
    <message>
        <source>Only the district manager who owns these field days can submit them.</source>
        <translation>只有制定该协访日程的地区经理可以提交。</translation>
    </message>
    <message>
        <source>The field days cannot move to that status now.</source>
        <translation>协访日程现在不能变为该状态。</translation>
    </message>
    <message>
        <source>Only a district manager plans field days.</source>
        <translation>只有地区经理制定协访日程。</translation>
    </message>
    <message>
        <source>Returned by your regional manager: {comment}</source>
        <translation>大区经理已退回：{comment}</translation>
    </message>
    <message>
        <source>Field days this week: {days}</source>
        <translation>本周协访天数：{days}</translation>
    </message>
    <message>
        <source>{day}: riding along with {reps}</source>
        <translation>{day}：随访 {reps}</translation>
    </message>
    <message>
        <source>{day}: no ride-along planned</source>
        <translation>{day}：未安排随访</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
</context>
<context>
    <name>GoodPracticeList</name>
    <message>
        <source>Visits your managers marked as exemplary, shared with the whole team. Double-click one to read it.</source>
        <translation>经理标记为优秀范例、与整个团队分享的拜访。双击即可查看。</translation>
    </message>
    <message>
        <source>Marked on</source>
        <translation>标记时间</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>拜访时间</translation>
    </message>
    <message>
        <source>Rep</source>
        <translation>代表</translation>
    </message>
    <message>
        <source>Doctor</source>
        <translation>医生</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>医疗机构</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>质量分</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>点评人</translation>
    </message>
    <message>
        <source>No exemplary visits yet. When a manager marks a visit as exemplary, it appears here for everyone.</source>
        <translation>还没有优秀范例。经理把拜访标记为优秀范例后，所有人都能在这里看到。</translation>
    </message>
    <message>
        <source>Could not read the Good practice list: %1</source>
        <translation>无法读取优秀范例列表：%1</translation>
    </message>
</context>
<context>
    <name>InstitutionsPage</name>
    <message>
        <source>Search name, city or code</source>
        <translation>搜索名称、城市或编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Doctors</source>
        <translation>医生</translation>
    </message>
    <message>
        <source>Department / doctor</source>
        <translation>科室 / 医生</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职称</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>No institutions yet</source>
        <translation>暂无机构</translation>
    </message>
    <message>
        <source>Sync to download the hospitals and pharmacies of your territory.</source>
        <translation>请同步以下载您辖区内的医院和药店。</translation>
    </message>
    <message>
        <source>%1 institutions</source>
        <translation>%1 家机构</translation>
    </message>
    <message>
        <source>Select an institution to see its departments and doctors.</source>
        <translation>选择一家机构以查看其科室和医生。</translation>
    </message>
    <message>
        <source>%1 beds</source>
        <translation>%1 张床位</translation>
    </message>
    <message>
        <source>(no department)</source>
        <translation>（无科室）</translation>
    </message>
    <message>
        <source>%1 (%2 doctors)</source>
        <translation>%1（%2 位医生）</translation>
    </message>
    <message>
        <source>Could not read the institutions: %1</source>
        <translation>无法读取机构数据：%1</translation>
    </message>
</context>
<context>
    <name>Knowledge</name>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Competitor</source>
        <translation>竞争对手</translation>
    </message>
    <message>
        <source>Competitor product</source>
        <translation>竞品</translation>
    </message>
    <message>
        <source>FAQ and objections</source>
        <translation>常见问题与异议处理</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>合规</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>培训</translation>
    </message>
</context>
<context>
    <name>KnowledgeDigest</name>
    <message>
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message numerus="yes">
        <source>%n must-read article(s) to confirm</source>
        <translation>
            <numerusform>%n 篇必读文章待确认</numerusform>
        </translation>
    </message>
    <message>
        <source>New and updated: %1</source>
        <translation>新增和更新：%1</translation>
    </message>
    <message>
        <source>No new articles.</source>
        <translation>暂无新文章。</translation>
    </message>
</context>
<context>
    <name>KnowledgePage</name>
    <message>
        <source>Search: 降压, 心安平, xap, dosing…</source>
        <translation>搜索：降压、心安平、xap、dosing…</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <source>All products</source>
        <translation>全部产品</translation>
    </message>
    <message>
        <source>Include expired</source>
        <translation>包含已过期</translation>
    </message>
    <message>
        <source>Nothing found. Try fewer or other words, or another category.</source>
        <translation>没有找到。请减少或更换关键词，或换一个分类。</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n 条结果</numerusform>
        </translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>已更新</translation>
    </message>
    <message>
        <source>Team: must-read confirmations</source>
        <translation>团队必读确认情况</translation>
    </message>
    <message>
        <source>Not yet read: %1</source>
        <translation>未读：%1</translation>
    </message>
    <message>
        <source>Must read</source>
        <translation>必读</translation>
    </message>
    <message>
        <source>Nothing left to confirm.</source>
        <translation>没有待确认的必读文章。</translation>
    </message>
    <message>
        <source>New and updated</source>
        <translation>新增和更新</translation>
    </message>
    <message>
        <source>No new articles in the last two weeks.</source>
        <translation>最近两周没有新文章。</translation>
    </message>
    <message>
        <source>No must-read articles.</source>
        <translation>没有必读文章。</translation>
    </message>
    <message>
        <source>everyone has confirmed</source>
        <translation>全部已确认</translation>
    </message>
    <message>
        <source>This article is no longer available.</source>
        <translation>这篇文章已不存在。</translation>
    </message>
    <message>
        <source>The linked article “%1” is not in the knowledge base.</source>
        <translation>链接的文章“%1”不在知识库中。</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Confirm reading</source>
        <translation>确认阅读</translation>
    </message>
    <message>
        <source>Confirm that you have read and understood “%1”?</source>
        <translation>确认您已阅读并理解“%1”？</translation>
    </message>
</context>
<context>
    <name>KpiCard</name>
    <message>
        <source>previous period: %1</source>
        <translation>上期：%1</translation>
    </message>
    <message>
        <source>%1 %2 vs previous (%3)</source>
        <translation>%1 %2（对比上期 %3）</translation>
    </message>
</context>
<context>
    <name>KpiStanding</name>
    <message>
        <source>Your rank in the district appears after the server has computed this period and you have synced.</source>
        <translation>服务器计算完本期数据并同步后，这里会显示您在本地区的排名。</translation>
    </message>
    <message>
        <source>Your coverage this period: %1 (the company does not show ranks to reps).</source>
        <translation>您本期的覆盖率：%1（公司不向代表显示排名）。</translation>
    </message>
    <message>
        <source>Your rank %1 of %2 in the district by coverage</source>
        <translation>按覆盖率，您在本地区 %2 人中排名第 %1</translation>
    </message>
    <message>
        <source>Your rank %1 of %2 in the district by coverage · district median %3</source>
        <translation>按覆盖率，您在本地区 %2 人中排名第 %1 · 地区中位数 %3</translation>
    </message>
    <message>
        <source>Team ranking (below): as computed by the server, %1 UTC.</source>
        <translation>团队排名（见下方）：服务器计算结果，%1 UTC。</translation>
    </message>
    <message>
        <source>Team ranking (below): computed on this computer; the server has not computed this period yet.</source>
        <translation>团队排名（见下方）：由本机计算；服务器尚未计算本期数据。</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>FieldRep is locked</source>
        <translation>FieldRep 已锁定</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>FieldRep was locked after a period without use. Enter the password of %1 to continue.</source>
        <translation>FieldRep 因一段时间未使用已自动锁定。请输入 %1 的密码以继续。</translation>
    </message>
    <message>
        <source>FieldRep is locked. Enter the password of %1 to continue.</source>
        <translation>FieldRep 已锁定。请输入 %1 的密码以继续。</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation>密码错误。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>FieldRep — %1</source>
        <translation>FieldRep — %1</translation>
    </message>
    <message>
        <source>&amp;FieldRep</source>
        <translation>FieldRep(&amp;F)</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Rejected changes…</source>
        <translation>被拒绝的更改…</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司概览</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Doctors</source>
        <translation>医生</translation>
    </message>
    <message>
        <source>Institutions</source>
        <translation>医疗机构</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>拜访</translation>
    </message>
    <message>
        <source>Knowledge</source>
        <translation>知识库</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Evaluations</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Close this message</source>
        <translation>关闭此消息</translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation>重新登录</translation>
    </message>
    <message>
        <source>Your session on the server ended. Enter the password of %1 to keep syncing.</source>
        <translation>您在服务器上的会话已结束。请输入 %1 的密码以继续同步。</translation>
    </message>
</context>
<context>
    <name>MasterData</name>
    <message>
        <source>Chief physician</source>
        <translation>主任医师</translation>
    </message>
    <message>
        <source>Associate chief physician</source>
        <translation>副主任医师</translation>
    </message>
    <message>
        <source>Attending physician</source>
        <translation>主治医师</translation>
    </message>
    <message>
        <source>Resident physician</source>
        <translation>住院医师</translation>
    </message>
    <message>
        <source>Pharmacist</source>
        <translation>药师</translation>
    </message>
    <message>
        <source>Tertiary grade A</source>
        <translation>三级甲等</translation>
    </message>
    <message>
        <source>Tertiary grade B</source>
        <translation>三级乙等</translation>
    </message>
    <message>
        <source>Tertiary grade C</source>
        <translation>三级丙等</translation>
    </message>
    <message>
        <source>Secondary grade A</source>
        <translation>二级甲等</translation>
    </message>
    <message>
        <source>Secondary grade B</source>
        <translation>二级乙等</translation>
    </message>
    <message>
        <source>Secondary grade C</source>
        <translation>二级丙等</translation>
    </message>
    <message>
        <source>Primary</source>
        <translation>一级</translation>
    </message>
    <message>
        <source>Unrated</source>
        <translation>未定级</translation>
    </message>
    <message>
        <source>Hospital</source>
        <translation>医院</translation>
    </message>
    <message>
        <source>Pharmacy</source>
        <translation>药店</translation>
    </message>
    <message>
        <source>Community health center</source>
        <translation>社区卫生服务中心</translation>
    </message>
    <message>
        <source>Clinic</source>
        <translation>诊所</translation>
    </message>
    <message>
        <source>Face to face</source>
        <translation>面对面拜访</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Department meeting</source>
        <translation>科室会</translation>
    </message>
    <message>
        <source>Academic event</source>
        <translation>学术会议</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>已计划</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在职</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Hospital level</source>
        <translation>医院等级</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职称</translation>
    </message>
    <message>
        <source>Department outpatients per month</source>
        <translation>科室月门诊量</translation>
    </message>
    <message>
        <source>Department beds</source>
        <translation>科室床位数</translation>
    </message>
    <message>
        <source>Product potential</source>
        <translation>产品潜力</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>NotificationList</name>
    <message>
        <source>Nothing new.</source>
        <translation>没有新消息。</translation>
    </message>
    <message>
        <source>Newest: %1 · %2 — click to hide them</source>
        <translation>最新：%1 · %2 — 点击收起</translation>
    </message>
    <message>
        <source>Newest: %1 · %2 — click to list them</source>
        <translation>最新：%1 · %2 — 点击展开列表</translation>
    </message>
    <message>
        <source>%1&apos;s visit to %2</source>
        <translation>%1 对 %2 的拜访</translation>
    </message>
    <message numerus="yes">
        <source>and %n more: Visits › Good practice lists them all</source>
        <translation>
            <numerusform>另有 %n 条：在“拜访 › 优秀范例”中查看全部</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>另有 %n 条</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Show %n more</source>
        <translation>
            <numerusform>再显示 %n 条</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NotificationText</name>
    <message>
        <source>%1 left a suggestion on your visit to %2</source>
        <translation>%1 对您拜访 %2 提出了建议</translation>
    </message>
    <message>
        <source>%1 added a note to your visit to %2</source>
        <translation>%1 为您对 %2 的拜访添加了备注</translation>
    </message>
    <message>
        <source>%1 commented on your visit to %2</source>
        <translation>%1 评论了您对 %2 的拜访</translation>
    </message>
    <message>
        <source>%1 marked your visit to %2 exemplary</source>
        <translation>%1 将您对 %2 的拜访标记为优秀</translation>
    </message>
    <message>
        <source>%1 reviewed your visit to %2</source>
        <translation>%1 审阅了您对 %2 的拜访</translation>
    </message>
    <message>
        <source>Good practice: %1&apos;s visit to %2</source>
        <translation>优秀实践：%1 对 %2 的拜访</translation>
    </message>
    <message>
        <source>The server refused a change to a visit</source>
        <translation>服务器拒绝了对拜访的修改</translation>
    </message>
    <message>
        <source>The server refused a comment</source>
        <translation>服务器拒绝了一条评论</translation>
    </message>
    <message>
        <source>The server refused a review</source>
        <translation>服务器拒绝了一次审阅</translation>
    </message>
    <message>
        <source>The server refused one of your changes</source>
        <translation>服务器拒绝了您的一项修改</translation>
    </message>
    <message>
        <source>%1 of your target doctors are behind their visits this month</source>
        <translation>本月有 %1 位目标医生拜访进度落后</translation>
    </message>
    <message>
        <source>%1 planned visits today are not logged yet</source>
        <translation>今天有 %1 个计划拜访尚未记录</translation>
    </message>
    <message>
        <source>Your manager returned your plan for the week of %1</source>
        <translation>经理退回了您 %1 那一周的计划</translation>
    </message>
    <message>
        <source>It is shared with the team as good practice.</source>
        <translation>已作为优秀实践分享给团队。</translation>
    </message>
    <message>
        <source>Marked exemplary by %1 and shared with the team.</source>
        <translation>由 %1 标记为优秀并分享给团队。</translation>
    </message>
    <message>
        <source>Open Rejected changes to fix or discard it.</source>
        <translation>请打开“被拒绝的修改”进行修正或放弃。</translation>
    </message>
    <message numerus="yes">
        <source>%n new good-practice visit(s)</source>
        <translation>
            <numerusform>%n 条新的优秀范例拜访</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new notification(s)</source>
        <translation>
            <numerusform>%n 条新通知</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>另有 %n 条</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ops</name>
    <message>
        <source>The disk is full: free some space and try again.</source>
        <translation>磁盘已满：请释放一些空间后重试。</translation>
    </message>
    <message>
        <source>FieldRep may not write to its data folder ({detail}).</source>
        <translation>FieldRep 无权写入其数据文件夹（{detail}）。</translation>
    </message>
    <message>
        <source>Something went wrong: {detail}</source>
        <translation>出现问题：{detail}</translation>
    </message>
    <message>
        <source>This visit is submitted and locked: record a correction as a new visit.</source>
        <translation>这次拜访已提交并锁定：如需更正，请另记一次更正拜访。</translation>
    </message>
    <message>
        <source>This evaluation is submitted and locked: record a correction as a new evaluation.</source>
        <translation>这份评估已提交并锁定：如需更正，请另建一份更正评估。</translation>
    </message>
    <message>
        <source>This record is submitted and can no longer be changed.</source>
        <translation>这条记录已提交，不能再修改。</translation>
    </message>
    <message>
        <source>This record is no longer on this computer (a sync may have removed it). Refresh the page.</source>
        <translation>这条记录已不在本机上（可能已被同步移除）。请刷新页面。</translation>
    </message>
    <message>
        <source>Sign in once online first: this computer does not know your account yet.</source>
        <translation>请先联网登录一次：本机还不认识您的账号。</translation>
    </message>
    <message>
        <source>No evaluation template for your role has reached this computer yet: sync, or ask your administrator to publish one.</source>
        <translation>本机还没有适用于您角色的评估模板：请同步，或请管理员发布一个模板。</translation>
    </message>
    <message>
        <source>Your account belongs to no district, so the receipt has no one to go to.</source>
        <translation>您的账号不属于任何地区，阅读回执无人接收。</translation>
    </message>
</context>
<context>
    <name>PdfView</name>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Fit the page to the window&apos;s width</source>
        <translation>按窗口宽度显示页面</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>No document.</source>
        <translation>没有文档。</translation>
    </message>
    <message>
        <source>Opening the document…</source>
        <translation>正在打开文档…</translation>
    </message>
    <message>
        <source>This document cannot be shown: {detail}</source>
        <translation>无法显示此文档：{detail}</translation>
    </message>
    <message>
        <source>the file is not a readable PDF (it may be damaged or not a PDF at all).</source>
        <translation>该文件不是可读的 PDF（可能已损坏，或根本不是 PDF）。</translation>
    </message>
    <message>
        <source>the PDF has no pages.</source>
        <translation>该 PDF 没有页面。</translation>
    </message>
    <message>
        <source>page {page} cannot be read.</source>
        <translation>第 {page} 页无法读取。</translation>
    </message>
    <message>
        <source>page {page} cannot be drawn.</source>
        <translation>第 {page} 页无法绘制。</translation>
    </message>
    <message>
        <source>the document was closed.</source>
        <translation>文档已关闭。</translation>
    </message>
    <message>
        <source>there is no page {page}.</source>
        <translation>没有第 {page} 页。</translation>
    </message>
    <message>
        <source>Page {number} cannot be shown: {detail}</source>
        <translation>无法显示第 {number} 页：{detail}</translation>
    </message>
    <message>
        <source>Page {n} / {m}</source>
        <translation>第 {n} 页 / 共 {m} 页</translation>
    </message>
</context>
<context>
    <name>PlanAdherenceTab</name>
    <message>
        <source>This month: a planned visit is done when a submitted visit is linked to it, and missed when its day ends without one.</source>
        <translation>本月：计划拜访在关联了已提交的拜访记录时算作完成，当天结束仍无记录则算作未完成。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>已计划</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Adherence</source>
        <translation>计划达成率</translation>
    </message>
</context>
<context>
    <name>PlanPage</name>
    <message>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>◀ Previous week</source>
        <translation>◀ 上一周</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>Next week ▶</source>
        <translation>下一周 ▶</translation>
    </message>
    <message>
        <source>Team plans</source>
        <translation>团队计划</translation>
    </message>
    <message>
        <source>My field days</source>
        <translation>我的协访日程</translation>
    </message>
    <message>
        <source>District managers&apos; field days</source>
        <translation>地区经理协访日程</translation>
    </message>
    <message>
        <source>Comment for the rep (required to return)</source>
        <translation>给代表的意见（退回时必填）</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Return with comment</source>
        <translation>退回并附意见</translation>
    </message>
    <message>
        <source>Submit plan</source>
        <translation>提交计划</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Weekly report (plan against actual)…</source>
        <translation>周报（计划与实际）…</translation>
    </message>
    <message>
        <source>Day plan with route…</source>
        <translation>日计划与路线…</translation>
    </message>
    <message>
        <source>Field days (week)…</source>
        <translation>协访周计划…</translation>
    </message>
    <message>
        <source>Team this month</source>
        <translation>团队本月情况</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Adherence</source>
        <translation>计划达成率</translation>
    </message>
    <message>
        <source>Suggestions (drag onto a day, or Enter)</source>
        <translation>推荐医生（拖到某一天，或按回车）</translation>
    </message>
    <message>
        <source>Add to day</source>
        <translation>加入当天</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source> per day</source>
        <translation> 位/天</translation>
    </message>
    <message>
        <source>Fill the week</source>
        <translation>自动排满本周</translation>
    </message>
    <message>
        <source>Spread the best suggestions over the working days; doctors of one institution stay on one day</source>
        <translation>把最优推荐分配到各工作日；同一机构的医生安排在同一天</translation>
    </message>
    <message>
        <source>Remind me of doctors behind from day</source>
        <translation>从每月第几天提醒我进度落后的医生</translation>
    </message>
    <message>
        <source>Day of the month from which Today lists the target doctors behind their visits</source>
        <translation>从每月这一天起，“今日”页列出拜访进度落后的目标医生</translation>
    </message>
    <message>
        <source>Shortest order</source>
        <translation>最短路线顺序</translation>
    </message>
    <message>
        <source>{manager} rides along with you on {day}</source>
        <translation>{manager} 将于 {day} 随您拜访</translation>
    </message>
    <message>
        <source>(awaiting approval)</source>
        <translation>（待批准）</translation>
    </message>
    <message>
        <source>{manager} rides along</source>
        <translation>{manager} 随访</translation>
    </message>
    <message>
        <source>Say why the plan goes back: the rep sees your comment.</source>
        <translation>请说明退回原因：代表会看到您的意见。</translation>
    </message>
    <message>
        <source>The plan cannot move to that status now.</source>
        <translation>计划现在不能变为该状态。</translation>
    </message>
    <message>
        <source>This week&apos;s plan is submitted or approved: it can no longer be changed.</source>
        <translation>本周计划已提交或已批准，不能再修改。</translation>
    </message>
    <message>
        <source>Only a user with a territory plans a week of visits.</source>
        <translation>只有分配了辖区的用户才能制定周拜访计划。</translation>
    </message>
    <message>
        <source>This doctor is not on this computer.</source>
        <translation>本机上没有这位医生。</translation>
    </message>
    <message>
        <source>This doctor is outside this plan&apos;s territory.</source>
        <translation>这位医生不在本计划的辖区内。</translation>
    </message>
    <message>
        <source>This doctor is already planned on that day.</source>
        <translation>这位医生当天已在计划中。</translation>
    </message>
    <message>
        <source>That day is outside this plan&apos;s week.</source>
        <translation>该日期不在本计划的这一周内。</translation>
    </message>
    <message>
        <source>Only the rep who owns the plan can submit it.</source>
        <translation>只有计划所属的代表才能提交。</translation>
    </message>
    <message>
        <source>The reminder day must be between 1 and 28.</source>
        <translation>提醒日必须在 1 到 28 之间。</translation>
    </message>
    <message>
        <source>{first} – {last}</source>
        <translation>{first} – {last}</translation>
    </message>
    <message>
        <source>Returned by your manager: {comment}</source>
        <translation>经理已退回：{comment}</translation>
    </message>
    <message>
        <source>%1 (settled by the server)</source>
        <translation>%1（服务器已结算）</translation>
    </message>
    <message>
        <source>{doctor}
(unplanned visit)</source>
        <translation>{doctor}
（计划外拜访）</translation>
    </message>
    <message>
        <source>Nobody in your team has a plan this week.</source>
        <translation>本周团队中还没有人制定计划。</translation>
    </message>
    <message>
        <source>Planned {planned} · done {done} · missed {missed} · unplanned {unplanned} · adherence {adherence} · week route {km:.1f} km, {stops} stops, {per:.1f} visits per stop</source>
        <translation>计划 {planned} · 完成 {done} · 未完成 {missed} · 计划外 {unplanned} · 达成率 {adherence} · 本周路线 {km:.1f} 公里，{stops} 个地点，每个地点 {per:.1f} 次拜访</translation>
    </message>
    <message>
        <source>{done} of {required} visits this month</source>
        <translation>本月已拜访 {done} 次，共需 {required} 次</translation>
    </message>
    <message>
        <source>Route for {day}</source>
        <translation>{day} 的路线</translation>
    </message>
    <message>
        <source>No visits planned on this day.</source>
        <translation>这一天没有计划拜访。</translation>
    </message>
    <message>
        <source>your order</source>
        <translation>您的顺序</translation>
    </message>
    <message>
        <source>shortest order</source>
        <translation>最短顺序</translation>
    </message>
    <message>
        <source>{stops} stops, {km:.1f} km, about {travel:.0f} min on the road and {visit:.0f} min with doctors ({order})</source>
        <translation>{stops} 个地点，{km:.1f} 公里，路上约 {travel:.0f} 分钟，拜访医生约 {visit:.0f} 分钟（{order}）</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Submitted, waiting for approval</source>
        <translation>已提交，等待批准</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>planned</source>
        <translation>已计划</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>unplanned</source>
        <translation>计划外</translation>
    </message>
    <message>
        <source>behind pace</source>
        <translation>进度落后</translation>
    </message>
    <message>
        <source>key grade</source>
        <translation>重点级别</translation>
    </message>
    <message>
        <source>not seen for a while</source>
        <translation>较久未拜访</translation>
    </message>
    <message>
        <source>next visit due</source>
        <translation>已到下次拜访日期</translation>
    </message>
    <message>
        <source>same hospital that day</source>
        <translation>当天同一医院</translation>
    </message>
</context>
<context>
    <name>PrintActions</name>
    <message>
        <source>Daily visit summary</source>
        <translation>日拜访汇总</translation>
    </message>
    <message>
        <source>Weekly visit summary</source>
        <translation>周拜访汇总</translation>
    </message>
    <message>
        <source>Monthly visit summary</source>
        <translation>月拜访汇总</translation>
    </message>
    <message>
        <source>Team visit summary</source>
        <translation>团队拜访汇总</translation>
    </message>
    <message>
        <source>Weekly report</source>
        <translation>周报</translation>
    </message>
    <message>
        <source>Day plan</source>
        <translation>日计划</translation>
    </message>
    <message>
        <source>Field days (week)</source>
        <translation>协访周计划</translation>
    </message>
    <message>
        <source>Evaluation form</source>
        <translation>评估表</translation>
    </message>
    <message>
        <source>Visit record</source>
        <translation>拜访记录</translation>
    </message>
    <message>
        <source>Doctor visit history</source>
        <translation>医生拜访历史</translation>
    </message>
</context>
<context>
    <name>PrintMenuButton</name>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Preview, print or save a visit summary as PDF</source>
        <translation>预览、打印拜访汇总或保存为 PDF</translation>
    </message>
    <message>
        <source>Day summary…</source>
        <translation>日汇总…</translation>
    </message>
    <message>
        <source>Week summary…</source>
        <translation>周汇总…</translation>
    </message>
    <message>
        <source>Month summary…</source>
        <translation>月汇总…</translation>
    </message>
    <message>
        <source>Weekly report (plan against actual)…</source>
        <translation>周报（计划与实际）…</translation>
    </message>
    <message>
        <source>Day plan with route…</source>
        <translation>日计划与路线…</translation>
    </message>
    <message>
        <source>Team summary for the month…</source>
        <translation>本月团队汇总…</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <source>en</source>
        <translation>zh_CN</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>Language of the print:</source>
        <translation>打印语言：</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>保存为 PDF…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Preparing the print…</source>
        <translation>正在准备打印内容…</translation>
    </message>
    <message>
        <source>The print could not be made: {reason}</source>
        <translation>无法生成打印内容：{reason}</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>保存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Sending the pages to the printer…</source>
        <translation>正在将页面发送到打印机…</translation>
    </message>
    <message>
        <source>{count} page(s) sent to the printer.</source>
        <translation>已将 {count} 页发送到打印机。</translation>
    </message>
    <message>
        <source>Printing failed: {reason}</source>
        <translation>打印失败：{reason}</translation>
    </message>
    <message>
        <source>The PDF could not be saved: {reason}</source>
        <translation>无法保存 PDF：{reason}</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
</context>
<context>
    <name>ProductArticlesDialog</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>No products to look up.</source>
        <translation>没有可查询的产品。</translation>
    </message>
    <message>
        <source>The knowledge base has no article for these products yet.</source>
        <translation>知识库中还没有这些产品的文章。</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) for these products.</source>
        <translation>
            <numerusform>这些产品共有 %n 篇文章。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProductRow</name>
    <message>
        <source>Choose a product…</source>
        <translation>选择产品…</translation>
    </message>
    <message>
        <source>Product no longer in the catalogue</source>
        <translation>产品已不在产品目录中</translation>
    </message>
    <message>
        <source>Key message delivered</source>
        <translation>传递的关键信息</translation>
    </message>
    <message>
        <source>Doctor&apos;s reaction</source>
        <translation>医生的反应</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Remove this product</source>
        <translation>移除此产品</translation>
    </message>
    <message>
        <source>Key message</source>
        <translation>关键信息</translation>
    </message>
    <message>
        <source>Reaction</source>
        <translation>反应</translation>
    </message>
</context>
<context>
    <name>ProductsEditor</name>
    <message>
        <source>No product detailed yet.</source>
        <translation>尚未添加产品。</translation>
    </message>
    <message>
        <source>Add product</source>
        <translation>添加产品</translation>
    </message>
</context>
<context>
    <name>RejectedChangesDialog</name>
    <message>
        <source>Rejected changes</source>
        <translation>被拒绝的更改</translation>
    </message>
    <message>
        <source>The server did not accept these changes. They are kept here until you fix or discard them; export them to keep a copy.</source>
        <translation>服务器未接受以下更改。它们会一直保留在这里，直到您修正或放弃；也可以导出留存副本。</translation>
    </message>
    <message>
        <source>What</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Fix…</source>
        <translation>修正…</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>评论</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审阅</translation>
    </message>
    <message>
        <source>Comment read</source>
        <translation>评论已读</translation>
    </message>
    <message>
        <source>Week plan</source>
        <translation>周计划</translation>
    </message>
    <message>
        <source>Planned visit</source>
        <translation>计划拜访</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Doctor request</source>
        <translation>医生变更申请</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Event attendee</source>
        <translation>活动参加者</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Already submitted and locked</source>
        <translation>已提交并锁定</translation>
    </message>
    <message>
        <source>This status change is not allowed</source>
        <translation>不允许此状态变更</translation>
    </message>
    <message>
        <source>No longer in your territory</source>
        <translation>已不在您的辖区</translation>
    </message>
    <message>
        <source>Belongs to someone else</source>
        <translation>属于其他人</translation>
    </message>
    <message>
        <source>Not allowed for your role</source>
        <translation>您的角色无此权限</translation>
    </message>
    <message>
        <source>No longer exists on the server</source>
        <translation>服务器上已不存在</translation>
    </message>
    <message>
        <source>Deleted on the server</source>
        <translation>已在服务器上删除</translation>
    </message>
    <message>
        <source>Already exists</source>
        <translation>已存在</translation>
    </message>
    <message>
        <source>Invalid value</source>
        <translation>无效的值</translation>
    </message>
    <message>
        <source>Unknown field (update the app)</source>
        <translation>未知字段（请更新应用）</translation>
    </message>
    <message>
        <source>Unknown record type (update the app)</source>
        <translation>未知记录类型（请更新应用）</translation>
    </message>
    <message>
        <source>The visit is a draft again: correct it and submit it.</source>
        <translation>该拜访已恢复为草稿：请修改后重新提交。</translation>
    </message>
    <message>
        <source>Editing cannot fix this: the server refuses this visit for who or where it is (for example, its doctor left your territory). Export it to keep a copy, then discard it.</source>
        <translation>修改无法解决此问题：服务器因人员或辖区原因拒绝了该拜访（例如医生已不在您的辖区）。请先导出保留副本，然后放弃。</translation>
    </message>
    <message>
        <source>This change cannot be fixed here: %1 Export it to keep a copy, then discard it.</source>
        <translation>此更改无法在这里修正：%1 请先导出保留副本，然后放弃。</translation>
    </message>
    <message>
        <source>Rejected change</source>
        <translation>被拒绝的更改</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Make the change again where it belongs, or discard it.</source>
        <translation>请在相应位置重新修改，或放弃此更改。</translation>
    </message>
    <message>
        <source>Refused change:
%1

The record now:
%2</source>
        <translation>被拒绝的更改：
%1

当前记录：
%2</translation>
    </message>
    <message>
        <source>Export unsynced changes</source>
        <translation>导出未同步的更改</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) written to %1.</source>
        <translation>
            <numerusform>已将 %n 条更改写入 %1。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RepAveragePanel</name>
    <message>
        <source>Average quality per rep</source>
        <translation>各代表平均质量分</translation>
    </message>
    <message>
        <source>Rep</source>
        <translation>代表</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>拜访数</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均分</translation>
    </message>
</context>
<context>
    <name>ReportTables</name>
    <message>
        <source>Export %1</source>
        <translation>导出%1</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年</translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation>上一期</translation>
    </message>
    <message>
        <source>Next period</source>
        <translation>下一期</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>拜访</translation>
    </message>
    <message>
        <source>Coverage of target doctors</source>
        <translation>目标医生覆盖率</translation>
    </message>
    <message>
        <source>Visits per working day</source>
        <translation>日均拜访（工作日）</translation>
    </message>
    <message>
        <source>Average visit quality</source>
        <translation>平均拜访质量分</translation>
    </message>
    <message>
        <source>Visits on plan</source>
        <translation>计划内拜访</translation>
    </message>
    <message>
        <source>Frequency by grade</source>
        <translation>按级别拜访频率</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>Target doctors</source>
        <translation>目标医生</translation>
    </message>
    <message>
        <source>Visits required</source>
        <translation>应访次数</translation>
    </message>
    <message>
        <source>Visits done</source>
        <translation>已访次数</translation>
    </message>
    <message>
        <source>Attainment</source>
        <translation>达成率</translation>
    </message>
    <message>
        <source>Sales against target</source>
        <translation>销量与指标</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>销量</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Team ranking</source>
        <translation>团队排名</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Rep</source>
        <translation>代表</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>覆盖率</translation>
    </message>
    <message>
        <source>Average quality</source>
        <translation>平均质量</translation>
    </message>
    <message>
        <source>On plan</source>
        <translation>计划内</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>My doctors and hospitals</source>
        <translation>我的医生和医院</translation>
    </message>
    <message>
        <source>Drill-down</source>
        <translation>逐级查看</translation>
    </message>
    <message>
        <source>Data quality</source>
        <translation>数据质量</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Frequency attainment by grade</source>
        <translation>各级别拜访频率达成</translation>
    </message>
    <message>
        <source>Sales against target (no sales data for this period)</source>
        <translation>销量与指标（本期无销量数据）</translation>
    </message>
    <message>
        <source>Team median coverage: %1</source>
        <translation>团队覆盖率中位数：%1</translation>
    </message>
    <message>
        <source>%1 Q%2</source>
        <translation>%1年第%2季度</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Enter the server address, for example https://crm.example.com</source>
        <translation>请输入服务器地址，例如 https://crm.example.com</translation>
    </message>
    <message>
        <source>The server&apos;s security certificate could not be verified (TLS error). Check the address, or ask IT whether the certificate is valid.</source>
        <translation>无法验证服务器的安全证书（TLS 错误）。请检查地址，或向 IT 部门确认证书是否有效。</translation>
    </message>
    <message>
        <source>This is not a valid server address; check it for typing errors.</source>
        <translation>这不是有效的服务器地址，请检查是否输入有误。</translation>
    </message>
    <message>
        <source>Cannot reach the server. Check the address and your network.</source>
        <translation>无法连接服务器。请检查地址和网络。</translation>
    </message>
    <message>
        <source>The server is having problems (HTTP %1). Try again later.</source>
        <translation>服务器出现故障（HTTP %1）。请稍后再试。</translation>
    </message>
    <message>
        <source>This address answers, but it is not a FieldRep server. Check the address (ask your administrator for the right one).</source>
        <translation>该地址有响应，但不是 FieldRep 服务器。请检查地址（可向管理员索取正确地址）。</translation>
    </message>
    <message>
        <source>The server needs a newer FieldRep. Install the latest version of this app, then sign in again.</source>
        <translation>服务器需要更新版本的 FieldRep。请安装最新版本后重新登录。</translation>
    </message>
    <message>
        <source>This FieldRep is newer than the server. Ask your administrator to update the server, or use the matching app version.</source>
        <translation>当前 FieldRep 版本比服务器新。请联系管理员升级服务器，或使用与之匹配的应用版本。</translation>
    </message>
    <message>
        <source>Wrong username or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>This account is disabled. Contact your administrator.</source>
        <translation>该账号已停用。请联系管理员。</translation>
    </message>
    <message>
        <source>Too many attempts. Wait a minute, then try again.</source>
        <translation>尝试次数过多。请稍等一分钟后再试。</translation>
    </message>
    <message>
        <source>Enter your username and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <source>The server is having problems. Try again later.</source>
        <translation>服务器出现故障。请稍后再试。</translation>
    </message>
    <message>
        <source>The data file on this computer cannot be opened with this password (it may come from an older password, another program, or be damaged). FieldRep can move it aside (it is kept, not deleted) and download your data again.</source>
        <translation>无法用此密码打开本机上的数据文件（可能来自旧密码或其他程序，也可能已损坏）。FieldRep 可以将其移到一旁（保留，不会删除），并重新下载您的数据。</translation>
    </message>
    <message>
        <source>Enter your username.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>The old data file was kept as %1.</source>
        <translation>旧数据文件已保留为 %1。</translation>
    </message>
    <message>
        <source>Cannot reach the server. Check the address and your network. The first sign-in on this computer needs a connection.</source>
        <translation>无法连接服务器。请检查地址和网络。在本机首次登录需要联网。</translation>
    </message>
    <message>
        <source>Wrong password. (The server cannot be reached, so the password was checked against your last online sign-in on this computer.)</source>
        <translation>密码错误。（由于无法连接服务器，系统按您在本机最近一次在线登录时的密码进行了核对。）</translation>
    </message>
    <message>
        <source>Signed in offline: your changes are kept and sent when the server can be reached.</source>
        <translation>已离线登录：您的更改会保存在本机，待连上服务器后自动发送。</translation>
    </message>
    <message>
        <source>This computer has no secure password store (keyring), so FieldRep keeps no password or key on disk and asks for your password at every start.</source>
        <translation>本机没有安全的密码存储（钥匙串），因此 FieldRep 不会在磁盘上保存任何密码或密钥，每次启动都会要求输入密码。</translation>
    </message>
</context>
<context>
    <name>SettingsChecks</name>
    <message>
        <source>FieldRep cannot write to this folder. Choose a folder you may write to.</source>
        <translation>FieldRep 无法写入此文件夹。请选择一个您有写入权限的文件夹。</translation>
    </message>
    <message>
        <source>No FieldRep server answers at this address. Check it and your network.</source>
        <translation>此地址没有 FieldRep 服务器应答。请检查地址和网络。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Not measured yet.</source>
        <translation>尚未统计。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Sync every</source>
        <translation>同步间隔</translation>
    </message>
    <message>
        <source>Lock after inactivity</source>
        <translation>无操作自动锁定</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Attachment storage limit</source>
        <translation>附件存储上限</translation>
    </message>
    <message>
        <source>Attachments on this device</source>
        <translation>本机附件</translation>
    </message>
    <message>
        <source>A new server address or data folder is used at the next sign-in. The language changes at once.</source>
        <translation>新的服务器地址或数据文件夹将在下次登录时生效。语言设置立即生效。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>%1 of %2 files, %3 (budget %4)</source>
        <translation>%1/%2 个文件，%3（上限 %4）</translation>
    </message>
</context>
<context>
    <name>SharedVisitDialog</name>
    <message>
        <source>Good practice</source>
        <translation>优秀范例</translation>
    </message>
    <message>
        <source>%1, %2 — marked exemplary by %3 on %4</source>
        <translation>%1，%2 — 由 %3 于 %4 标记为优秀拜访</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>科室</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>拜访目的</translation>
    </message>
    <message>
        <source>Products detailed</source>
        <translation>传递的产品</translation>
    </message>
    <message>
        <source>Doctor feedback</source>
        <translation>医生反馈</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>拜访结果</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>拜访质量</translation>
    </message>
    <message>
        <source> — key message: %1</source>
        <translation> — 关键信息：%1</translation>
    </message>
    <message>
        <source> — reaction: %1</source>
        <translation> — 反应：%1</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to FieldRep</source>
        <translation>登录 FieldRep</translation>
    </message>
    <message>
        <source>FieldRep</source>
        <translation>FieldRep</translation>
    </message>
    <message>
        <source>Sign in with the account your company gave you. After the first sign-in you can also sign in without a connection.</source>
        <translation>请使用公司为您分配的账号登录。首次登录后，无网络时也可以登录。</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Move it aside and download again</source>
        <translation>移到一旁并重新下载</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Enter the server address.</source>
        <translation>请输入服务器地址。</translation>
    </message>
    <message>
        <source>Enter your username.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>Sign-in failed unexpectedly: %1</source>
        <translation>登录意外失败：%1</translation>
    </message>
</context>
<context>
    <name>StartingWindow</name>
    <message>
        <source>FieldRep</source>
        <translation>FieldRep</translation>
    </message>
    <message>
        <source>Opening your data…</source>
        <translation>正在打开您的数据…</translation>
    </message>
</context>
<context>
    <name>Storage</name>
    <message>
        <source>The disk is full, so FieldRep could not save. Free some space (delete or move large files), then try again. Everything saved before is safe, and what you typed is still on screen.</source>
        <translation>磁盘已满，FieldRep 无法保存。请释放一些空间（删除或移走大文件）后重试。之前保存的内容都安全，您输入的内容仍在屏幕上。</translation>
    </message>
    <message>
        <source>FieldRep cannot write to its data folder (it is read-only). Check the folder&apos;s permissions or choose another data folder in Settings. Everything saved before is safe.</source>
        <translation>FieldRep 无法写入数据文件夹（只读）。请检查文件夹权限，或在“设置”中选择其他数据文件夹。之前保存的内容都安全。</translation>
    </message>
</context>
<context>
    <name>SubmitRefusals</name>
    <message>
        <source>Doctor</source>
        <translation>医生</translation>
    </message>
    <message>
        <source>Visit type</source>
        <translation>拜访类型</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>拜访目的</translation>
    </message>
    <message>
        <source>Products detailed</source>
        <translation>传递产品</translation>
    </message>
    <message>
        <source>Doctor feedback</source>
        <translation>医生反馈</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>拜访结果</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Next visit date</source>
        <translation>下次拜访日期</translation>
    </message>
    <message>
        <source>Accompanied by</source>
        <translation>随访人</translation>
    </message>
    <message>
        <source>Too long.</source>
        <translation>内容过长。</translation>
    </message>
    <message>
        <source>This visit is no longer on this computer.</source>
        <translation>本机上已没有这条拜访记录。</translation>
    </message>
</context>
<context>
    <name>SubmitReportDialog</name>
    <message>
        <source>Submit visits</source>
        <translation>提交拜访</translation>
    </message>
    <message>
        <source>%1 submitted. %2 could not be submitted; fix them and submit again:</source>
        <translation>已提交 %1 条。%2 条未能提交，请修改后重新提交：</translation>
    </message>
    <message>
        <source>Unknown visit</source>
        <translation>未知拜访</translation>
    </message>
</context>
<context>
    <name>SyncRunner</name>
    <message>
        <source>The server&apos;s security certificate could not be verified (TLS error). Check the address, or ask IT whether the certificate is valid.</source>
        <translation>无法验证服务器的安全证书（TLS 错误）。请检查地址，或向 IT 部门确认证书是否有效。</translation>
    </message>
    <message>
        <source>Your session on the server has ended. Enter your password to continue syncing.</source>
        <translation>您在服务器上的会话已结束。请输入密码以继续同步。</translation>
    </message>
    <message>
        <source>This FieldRep version no longer matches the server. Install the latest version.</source>
        <translation>当前 FieldRep 版本与服务器不再匹配。请安装最新版本。</translation>
    </message>
    <message>
        <source>Sync cancelled. What was already exchanged is kept.</source>
        <translation>同步已取消。已交换的数据会保留。</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>同步失败：%1</translation>
    </message>
    <message>
        <source>Sync failed unexpectedly: %1. Try again; if it keeps failing, export your unsynced changes (Rejected changes → Export) and contact support.</source>
        <translation>同步意外失败：%1。请重试；如果仍然失败，请导出未同步的更改（被拒绝的更改 → 导出）并联系技术支持。</translation>
    </message>
    <message>
        <source>Offline: your changes are kept and will sync when you are connected.</source>
        <translation>离线：您的更改已保存在本机，联网后会自动同步。</translation>
    </message>
    <message>
        <source>Sign in to sync: this device is not signed in to the server yet.</source>
        <translation>请登录以同步：本设备尚未登录服务器。</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Pending changes: %1</source>
        <translation>待发送更改：%1</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message numerus="yes">
        <source>%n rejected</source>
        <translation>
            <numerusform>%n 条被拒绝</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync (waiting for connection)</source>
        <translation>同步（等待网络连接）</translation>
    </message>
    <message>
        <source>Offline: your changes are kept and will sync when you are connected.</source>
        <translation>离线：您的更改已保存在本机，联网后会自动同步。</translation>
    </message>
    <message>
        <source>Sync (waiting for sign-in)</source>
        <translation>同步（等待登录）</translation>
    </message>
    <message>
        <source>Sign in again to continue syncing.</source>
        <translation>请重新登录以继续同步。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>正在发送</translation>
    </message>
    <message>
        <source>Receiving</source>
        <translation>正在接收</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>正在保存</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Downloading attachments</source>
        <translation>正在下载附件</translation>
    </message>
    <message>
        <source>Sync complete: %1 received, %2 sent.</source>
        <translation>同步完成：接收 %1 条，发送 %2 条。</translation>
    </message>
</context>
<context>
    <name>TeamFilterBar</name>
    <message>
        <source>All reps</source>
        <translation>全部代表</translation>
    </message>
    <message>
        <source>All dates</source>
        <translation>全部日期</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>自定义范围</translation>
    </message>
    <message>
        <source>Doctor, pinyin or hospital</source>
        <translation>医生、拼音或医院</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>Quality below</source>
        <translation>质量分低于</translation>
    </message>
    <message>
        <source>Not reviewed yet</source>
        <translation>尚未点评</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>The start date is after the end date.</source>
        <translation>开始日期晚于结束日期。</translation>
    </message>
</context>
<context>
    <name>TeamPage</name>
    <message>
        <source>Team visits</source>
        <translation>团队拜访</translation>
    </message>
    <message>
        <source>Good practice</source>
        <translation>优秀范例</translation>
    </message>
    <message>
        <source>Plan adherence</source>
        <translation>计划达成</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>日期和时间</translation>
    </message>
    <message>
        <source>Rep</source>
        <translation>代表</translation>
    </message>
    <message>
        <source>Doctor</source>
        <translation>医生</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>医疗机构</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>质量分</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>已点评</translation>
    </message>
    <message>
        <source>%1 visits</source>
        <translation>%1 条拜访</translation>
    </message>
    <message>
        <source>Could not read the team&apos;s visits: %1</source>
        <translation>无法读取团队拜访：%1</translation>
    </message>
</context>
<context>
    <name>TodayEvaluationsCard</name>
    <message>
        <source>Evaluations</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Evaluations made this month: {n} of {target}</source>
        <translation>本月已完成评估：{n} / {target}</translation>
    </message>
    <message>
        <source>Team visits of the last 7 days not reviewed yet: {n}</source>
        <translation>近 7 天团队尚未点评的拜访：{n}</translation>
    </message>
    <message>
        <source>Drafts to finish: {n}</source>
        <translation>待完成草稿：{n}</translation>
    </message>
    <message>
        <source>Your action items from evaluations:</source>
        <translation>您在评估中的行动项：</translation>
    </message>
    <message>
        <source>{text} (due {due})</source>
        <translation>{text}（截止 {due}）</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>Good day, %1</source>
        <translation>%1，您好</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Mark all as seen</source>
        <translation>全部标为已读</translation>
    </message>
    <message>
        <source>Reviews and good-practice visits leave this list; comments leave it once read, refused changes once fixed or discarded.</source>
        <translation>审阅和优秀实践将从列表中移除；评论在阅读后移除，被拒绝的修改在修正或放弃后移除。</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>changes waiting to be sent</source>
        <translation>条更改待发送</translation>
    </message>
    <message>
        <source>changes the server refused</source>
        <translation>条更改被服务器拒绝</translation>
    </message>
    <message>
        <source>last sync</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <source>unread manager comments</source>
        <translation>条经理点评未读</translation>
    </message>
    <message>
        <source>your visits this month</source>
        <translation>本月拜访次数</translation>
    </message>
    <message>
        <source>Doctors by grade</source>
        <translation>医生分级</translation>
    </message>
    <message>
        <source>grade %1 doctors</source>
        <translation>%1 级医生</translation>
    </message>
    <message>
        <source>Your work</source>
        <translation>我的工作</translation>
    </message>
    <message>
        <source>Today you ride along with %1</source>
        <translation>今天您随访 %1</translation>
    </message>
    <message>
        <source>On %2 you ride along with %1</source>
        <translation>%2 您随访 %1</translation>
    </message>
    <message>
        <source>Today %1 rides along with you</source>
        <translation>今天 %1 随您拜访</translation>
    </message>
    <message>
        <source>%1 rides along with you on %2</source>
        <translation>%1 将于 %2 随您拜访</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Could not open the visit: %1</source>
        <translation>无法打开拜访：%1</translation>
    </message>
    <message>
        <source>New visit</source>
        <translation>新拜访</translation>
    </message>
    <message>
        <source>Restored what you typed on %1 (not yet saved as a draft).</source>
        <translation>已恢复您于 %1 输入的内容（尚未保存为草稿）。</translation>
    </message>
    <message>
        <source>Draft — saved automatically as you type.</source>
        <translation>草稿 — 输入时自动保存。</translation>
    </message>
    <message>
        <source>New visit — saved automatically as you type.</source>
        <translation>新拜访 — 输入时自动保存。</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Saved on this computer — fix the marked fields to save the draft.</source>
        <translation>已保存在本机 — 请修正标记的字段以保存草稿。</translation>
    </message>
    <message>
        <source>Could not save: %1. What you typed is still in the form.</source>
        <translation>无法保存：%1。您输入的内容仍在表单中。</translation>
    </message>
    <message>
        <source>Submit visit</source>
        <translation>提交拜访</translation>
    </message>
    <message>
        <source>Submit this visit? A submitted visit is locked: later corrections are recorded as amendments.</source>
        <translation>提交此拜访？提交后将锁定：之后的更正将作为更正记录保存。</translation>
    </message>
    <message>
        <source>Submitting…</source>
        <translation>正在提交…</translation>
    </message>
    <message>
        <source>Not submitted: fix the marked fields.</source>
        <translation>未提交：请修正标记的字段。</translation>
    </message>
    <message>
        <source>Could not submit: %1</source>
        <translation>无法提交：%1</translation>
    </message>
    <message>
        <source>Articles on these products</source>
        <translation>这些产品的资料</translation>
    </message>
    <message>
        <source>Visit not saved as a draft</source>
        <translation>拜访未保存为草稿</translation>
    </message>
    <message>
        <source>This visit cannot be saved as a draft yet (see the marked fields). Keep what you typed on this computer?</source>
        <translation>此拜访尚不能保存为草稿（见标记的字段）。是否在本机保留您输入的内容？</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
</context>
<context>
    <name>VisitFormLabels</name>
    <message>
        <source>duration in range</source>
        <translation>时长合理</translation>
    </message>
    <message>
        <source>purpose stated</source>
        <translation>已填写拜访目的</translation>
    </message>
    <message>
        <source>product detailed with a key message</source>
        <translation>已传递产品关键信息</translation>
    </message>
    <message>
        <source>feedback recorded</source>
        <translation>已记录医生反馈</translation>
    </message>
    <message>
        <source>result recorded</source>
        <translation>已记录拜访结果</translation>
    </message>
    <message>
        <source>next step set</source>
        <translation>已设定下一步</translation>
    </message>
    <message>
        <source>linked to a plan</source>
        <translation>关联拜访计划</translation>
    </message>
    <message>
        <source>no purpose</source>
        <translation>未填写拜访目的</translation>
    </message>
    <message>
        <source>no product with a key message</source>
        <translation>无产品关键信息</translation>
    </message>
    <message>
        <source>no feedback</source>
        <translation>无医生反馈</translation>
    </message>
    <message>
        <source>no result</source>
        <translation>无拜访结果</translation>
    </message>
    <message>
        <source>no next step</source>
        <translation>无下一步</translation>
    </message>
    <message>
        <source>Required to submit the visit.</source>
        <translation>提交拜访时必填。</translation>
    </message>
    <message>
        <source>Needed to save the draft (what you typed is kept on this computer).</source>
        <translation>保存草稿时必填（您输入的内容已保存在本机）。</translation>
    </message>
    <message>
        <source>This doctor is no longer in your territory (reassigned); choose another doctor.</source>
        <translation>该医生已不在您的辖区（已重新分配）；请选择其他医生。</translation>
    </message>
    <message>
        <source>The visit cannot end before it starts.</source>
        <translation>拜访结束时间不能早于开始时间。</translation>
    </message>
    <message>
        <source>Too long: %1 characters, at most %2 are allowed.</source>
        <translation>太长：%1 个字符，最多允许 %2 个。</translation>
    </message>
    <message>
        <source>This product is not in the active catalogue; choose another.</source>
        <translation>该产品不在当前产品目录中；请选择其他产品。</translation>
    </message>
    <message>
        <source>Choose a product.</source>
        <translation>请选择产品。</translation>
    </message>
    <message>
        <source>Enter the key message you delivered.</source>
        <translation>请填写传递的关键信息。</translation>
    </message>
    <message>
        <source>This is in the future; record the visit after it happened.</source>
        <translation>时间在未来；请在拜访发生后再记录。</translation>
    </message>
    <message>
        <source>Visits can be recorded at most %1 days after they happen.</source>
        <translation>拜访最多可在发生后 %1 天内记录。</translation>
    </message>
    <message>
        <source>That month is closed: last month&apos;s visits can be submitted until day %1 of this month.</source>
        <translation>该月已关账：上月的拜访只能在本月 %1 日前提交。</translation>
    </message>
    <message>
        <source>The visit lasted %1 minutes; between %2 and %3 is expected (the duration points are withheld).</source>
        <translation>拜访持续 %1 分钟；应在 %2 到 %3 分钟之间（不计时长得分）。</translation>
    </message>
    <message>
        <source>Choose a visit type.</source>
        <translation>请选择拜访类型。</translation>
    </message>
    <message>
        <source>This value is not valid.</source>
        <translation>该值无效。</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is earlier than the server time seen at the last sync; correct the date and time (or sync) before submitting.</source>
        <translation>本机时钟早于上次同步时的服务器时间；请先校正日期和时间（或同步）再提交。</translation>
    </message>
    <message>
        <source>This visit is submitted and locked.</source>
        <translation>此拜访已提交并锁定。</translation>
    </message>
    <message>
        <source>A companion is a district or regional manager.</source>
        <translation>协访人须为地区经理或大区经理。</translation>
    </message>
    <message>
        <source>You cannot accompany your own visit.</source>
        <translation>不能把自己记为本次拜访的协访人。</translation>
    </message>
    <message>
        <source>Only the visit&apos;s rep records who came along.</source>
        <translation>只有拜访的代表本人可以记录协访人。</translation>
    </message>
    <message>
        <source>The visit being corrected does not exist.</source>
        <translation>被更正的拜访不存在。</translation>
    </message>
    <message>
        <source>Only a submitted visit can be corrected.</source>
        <translation>只能更正已提交的拜访。</translation>
    </message>
    <message>
        <source>A correction must be recorded by the rep of the original visit.</source>
        <translation>更正必须由原拜访的代表记录。</translation>
    </message>
    <message>
        <source>A correction must be about the same doctor as the original visit.</source>
        <translation>更正必须针对原拜访的同一位医生。</translation>
    </message>
</context>
<context>
    <name>VisitFormView</name>
    <message>
        <source>Visit</source>
        <translation>拜访时间</translation>
    </message>
    <message>
        <source>Type a name, pinyin or hospital…</source>
        <translation>输入姓名、拼音或医院…</translation>
    </message>
    <message>
        <source>Doctor</source>
        <translation>医生</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>拜访目的</translation>
    </message>
    <message>
        <source>Articles on these products…</source>
        <translation>这些产品的资料…</translation>
    </message>
    <message>
        <source>The knowledge base articles of the products being detailed, offline</source>
        <translation>正在介绍的产品在知识库中的文章（离线可用）</translation>
    </message>
    <message>
        <source>Products detailed</source>
        <translation>传递的产品</translation>
    </message>
    <message>
        <source>Doctor feedback</source>
        <translation>医生反馈</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>拜访结果</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Planned for</source>
        <translation>计划于</translation>
    </message>
    <message>
        <source>Next visit</source>
        <translation>下次拜访</translation>
    </message>
    <message>
        <source>Accompanied by</source>
        <translation>随访人</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>质量分</translation>
    </message>
    <message>
        <source>Updates as you type. The server computes the final score.</source>
        <translation>随输入实时更新；最终分数由服务器计算。</translation>
    </message>
    <message>
        <source>Amend…</source>
        <translation>更正…</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>%1 (no longer in your territory)</source>
        <translation>%1（已不在您的辖区）</translation>
    </message>
    <message>
        <source>Doctor no longer in your territory</source>
        <translation>医生已不在您的辖区</translation>
    </message>
    <message>
        <source>A key message is required for each product.</source>
        <translation>每个产品都需要填写关键信息。</translation>
    </message>
    <message>
        <source>Submitted on %1 — locked. A correction is recorded as an amendment.</source>
        <translation>已于 %1 提交 — 已锁定。如需更正，请另建更正记录。</translation>
    </message>
    <message>
        <source>This draft belongs to another user: read only.</source>
        <translation>此草稿属于其他用户：只读。</translation>
    </message>
    <message>
        <source>This visit&apos;s doctor is no longer in your territory (reassigned while you were offline). The visit is kept on this computer: sync to send it; if the server refuses it, export it from Sync problems.</source>
        <translation>此拜访的医生已不在您的辖区（离线期间被重新分配）。拜访已保存在本机：同步即可上传；若服务器拒绝，可在“同步问题”中导出。</translation>
    </message>
    <message>
        <source>This visit corrects an earlier submitted visit.</source>
        <translation>此拜访是对一条已提交拜访的更正。</translation>
    </message>
    <message>
        <source>(no institution)</source>
        <translation>（无机构）</translation>
    </message>
    <message>
        <source>(no department)</source>
        <translation>（无科室）</translation>
    </message>
    <message>
        <source>Nothing scored yet.</source>
        <translation>尚无得分项。</translation>
    </message>
</context>
<context>
    <name>VisitStatus</name>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>Exemplary</source>
        <translation>优秀范例</translation>
    </message>
</context>
<context>
    <name>VisitThreadWidget</name>
    <message>
        <source>Review</source>
        <translation>审阅</translation>
    </message>
    <message>
        <source>Mark reviewed</source>
        <translation>标记为已审阅</translation>
    </message>
    <message>
        <source>Exemplary — share with the team</source>
        <translation>优秀拜访 — 分享给团队</translation>
    </message>
    <message>
        <source>No comments yet.</source>
        <translation>暂无评论。</translation>
    </message>
    <message>
        <source>Write a comment…</source>
        <translation>写评论…</translation>
    </message>
    <message>
        <source>Write a comment, a suggestion or a note…</source>
        <translation>写评论、建议或经理备注…</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>评论</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Manager note</source>
        <translation>经理备注</translation>
    </message>
    <message>
        <source>Feedback on this visit</source>
        <translation>对本次拜访的反馈</translation>
    </message>
    <message>
        <source>Something to do next time</source>
        <translation>下次可以做的事</translation>
    </message>
    <message>
        <source>For the record</source>
        <translation>备案记录</translation>
    </message>
    <message>
        <source>New since you last looked</source>
        <translation>上次查看后新增</translation>
    </message>
    <message>
        <source>Not reviewed yet.</source>
        <translation>尚未审阅。</translation>
    </message>
    <message>
        <source>Reviewed by %1 on %2</source>
        <translation>%1 于 %2 审阅</translation>
    </message>
    <message>
        <source>Exemplary: shared with the team</source>
        <translation>优秀拜访：已分享给团队</translation>
    </message>
    <message>
        <source>Reviewed ✓</source>
        <translation>已审阅 ✓</translation>
    </message>
    <message>
        <source>Write something before sending.</source>
        <translation>请先输入内容再发送。</translation>
    </message>
    <message>
        <source>Too long: at most %1 characters.</source>
        <translation>内容过长：最多 %1 个字符。</translation>
    </message>
    <message>
        <source>You can reply with a comment only.</source>
        <translation>您只能以评论回复。</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>未发送：%1</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
<context>
    <name>VisitsPage</name>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>New visit</source>
        <translation>新建拜访</translation>
    </message>
    <message>
        <source>Delete drafts</source>
        <translation>删除草稿</translation>
    </message>
    <message>
        <source>Throw the selected drafts away (submitted visits cannot be deleted).</source>
        <translation>删除所选草稿（已提交的拜访不能删除）。</translation>
    </message>
    <message>
        <source>Submit selected</source>
        <translation>提交所选</translation>
    </message>
    <message>
        <source>Submit the selected drafts: they are locked for good.</source>
        <translation>提交所选草稿：提交后将永久锁定。</translation>
    </message>
    <message>
        <source>My visits</source>
        <translation>我的拜访</translation>
    </message>
    <message>
        <source>Good practice</source>
        <translation>优秀范例</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>日期和时间</translation>
    </message>
    <message>
        <source>Doctor</source>
        <translation>医生</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>医疗机构</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>质量分</translation>
    </message>
    <message>
        <source>Week %1: %2 – %3</source>
        <translation>第 %1 周：%2 – %3</translation>
    </message>
    <message>
        <source>No visits on this day.</source>
        <translation>这一天没有拜访。</translation>
    </message>
    <message>
        <source>No visits in this week.</source>
        <translation>这一周没有拜访。</translation>
    </message>
    <message>
        <source>1 visit</source>
        <translation>1 条拜访</translation>
    </message>
    <message>
        <source>%1 visits</source>
        <translation>%1 条拜访</translation>
    </message>
    <message>
        <source>1 draft</source>
        <translation>1 条草稿</translation>
    </message>
    <message>
        <source>%1 drafts</source>
        <translation>%1 条草稿</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source> · average quality %1</source>
        <translation> · 平均质量分 %1</translation>
    </message>
    <message>
        <source>%1 visit form(s) not saved as a draft yet (something required to save is missing, such as the doctor). What you typed is kept on this computer. &lt;a href=&apos;open&apos;&gt;Continue&lt;/a&gt;</source>
        <translation>有 %1 份拜访表单尚未保存为草稿（缺少保存所需的内容，例如医生）。您输入的内容已保存在本机。&lt;a href=&apos;open&apos;&gt;继续填写&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Could not read your visits: %1</source>
        <translation>无法读取您的拜访：%1</translation>
    </message>
    <message>
        <source>Submit selected (%1)</source>
        <translation>提交所选（%1）</translation>
    </message>
    <message>
        <source>Delete %1 draft(s)? This cannot be undone.</source>
        <translation>删除 %1 份草稿？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Could not delete: %1</source>
        <translation>无法删除：%1</translation>
    </message>
    <message>
        <source>%1 draft(s) deleted.</source>
        <translation>已删除 %1 份草稿。</translation>
    </message>
    <message>
        <source>Submitting…</source>
        <translation>正在提交…</translation>
    </message>
    <message>
        <source>%1 visits submitted.</source>
        <translation>已提交 %1 条拜访。</translation>
    </message>
    <message>
        <source>Could not submit: %1</source>
        <translation>无法提交：%1</translation>
    </message>
</context>
</TS>
