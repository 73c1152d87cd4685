<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DoctorDetailPane</name>
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
        <source>Grade</source>
        <translation>分级</translation>
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
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Doctors</source>
        <translation>医生</translation>
    </message>
    <message>
        <source>Your target doctors, their grades and visit history will be listed here.</source>
        <translation>这里将列出您的目标医生、分级和拜访记录。</translation>
    </message>
    <message>
        <source>Institutions</source>
        <translation>医疗机构</translation>
    </message>
    <message>
        <source>Hospitals and pharmacies in your territory will be listed here.</source>
        <translation>这里将列出您辖区内的医院和药店。</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Plan your week and your daily route here. Coming soon.</source>
        <translation>在这里安排周计划和每日拜访路线。即将推出。</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>拜访</translation>
    </message>
    <message>
        <source>Record and submit your visits here. Coming soon.</source>
        <translation>在这里记录并提交拜访。即将推出。</translation>
    </message>
    <message>
        <source>Knowledge</source>
        <translation>知识库</translation>
    </message>
    <message>
        <source>Product information, competitor notes and FAQs will be here. Coming soon.</source>
        <translation>产品资料、竞品信息和常见问题将在这里提供。即将推出。</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Your team&apos;s visits, comments and KPIs will be here. Coming soon.</source>
        <translation>团队的拜访、点评和关键指标将在这里显示。即将推出。</translation>
    </message>
    <message>
        <source>Evaluations</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Accompanied-visit and co-visit evaluations will be here. Coming soon.</source>
        <translation>随访评估和协访评估将在这里显示。即将推出。</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>KPI cards, charts and rankings will be here. Coming soon.</source>
        <translation>关键指标卡片、图表和排名将在这里显示。即将推出。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
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
        <source>Rejected change</source>
        <translation>被拒绝的更改</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Refused change:
%1

The row now:
%2</source>
        <translation>被拒绝的更改：
%1

当前数据：
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
        <source>A new server address or data folder is used at the next sign-in. The language changes at once.</source>
        <translation>新的服务器地址或数据文件夹将在下次登录时生效。语言设置立即生效。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
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
        <source>Sign-in failed unexpectedly: %1</source>
        <translation>登录意外失败：%1</translation>
    </message>
</context>
<context>
    <name>SyncRunner</name>
    <message>
        <source>The server cannot be reached. Your changes are kept; FieldRep syncs automatically when the connection is back.</source>
        <translation>无法连接服务器。您的更改已保存在本机，网络恢复后 FieldRep 会自动同步。</translation>
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
        <source>Sync complete: %1 received, %2 sent.</source>
        <translation>同步完成：接收 %1 条，发送 %2 条。</translation>
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
        <source>never</source>
        <translation>从未</translation>
    </message>
</context>
</TS>
