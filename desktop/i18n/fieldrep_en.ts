<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ActionItemRow</name>
    <message>
        <source>What will be done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ArticleView</name>
    <message>
        <source>I have read this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Knowledge base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search, or pick an article on the left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>published %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>valid until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired: do not use with doctors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Must read — you confirmed it on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Must read: confirm once you have read it. Your manager sees the confirmation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file on the server did not match its checksum; it will be fetched again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not on this device yet: it downloads after the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachmentView</name>
    <message>
        <source>← Back to the article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not on this device yet. It downloads in the background after a sync with the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be shown: the image is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompanionPicker</name>
    <message>
        <source>No manager to choose: sync to get your managers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A former manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RM</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompanyPage</name>
    <message>
        <source>Rep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>District manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regional manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Departments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doctor assignments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Competitor products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Knowledge base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported, some rows rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused, nothing imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch the company&apos;s figures from the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by name, username, role or place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>District</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Territory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No import has been recorded yet. Imports are run on the server with fieldrep-server import, rules import and kb import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regions and districts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only: the whole company as the server last reported it. Users and data are managed with fieldrep-server on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refreshing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last updated: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching the company&apos;s figures from the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No company data has been fetched yet. Connect to the server and press Refresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: the server cannot be reached. No company data has been fetched yet; connect to the server and press Refresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: showing the figures fetched %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answers this page to administrators only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session has ended: sign in again to refresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ungraded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region / district</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Territories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DMs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doctors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Institutions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regions: %1 · districts: %2 · reps: %3 · doctors: %4 (%5 without territory) · institutions: %6 · visits this month: %7, last month: %8 · coverage: %9</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>District managers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active doctors with a territory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Institutions where these doctors work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted visits (submitted, of a counting type)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target doctors seen at least once this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frequency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required visits done this month (capped per doctor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 target doctors seen at least once this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 required visits done this month (capped per doctor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompetencyRow</name>
    <message>
        <source>Note (what you observed)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataQualityTab</name>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday and today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All reps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data quality exceptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doctor / institution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The range must end on or after its first day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exception(s) of %2 in %3 – %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thin field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outside working hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No grade inputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan day with nothing done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doctor feedback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>department outpatients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>department beds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>product potential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 characters (at least %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1–%2, before working hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1–%2, after working hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1–%2 on a day off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 visits that day: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 visit(s) planned, none done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DoctorDetailPane</name>
    <message>
        <source>By grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always a target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never a target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark this doctor a target (or not) whatever the grade; frequency, reminders and suggestions follow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your district manager decides whether this doctor is a target.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a visit to open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log a visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a planned visit to record it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objective</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a doctor to see the profile and visit history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product articles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The knowledge base articles of the products this doctor has potential for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upcoming planned visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hospital level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Specialty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product potential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade %1 (score %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not graded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This month: %1 of %2 visits (%3 due by today)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>behind on frequency</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DoctorFilterBar</name>
    <message>
        <source>Search name, pinyin (zhangwei, zw) or hospital</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort by grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Behind on frequency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All institutions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All titles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All grades</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All departments</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DoctorsPage</name>
    <message>
        <source>Product articles — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No doctors yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync to download your doctors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Institution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 doctors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the doctors: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a district or regional manager marks a doctor as a target.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DrillDownView</name>
    <message>
        <source>Double-click a line, or press Enter, to see the level below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doctors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Institution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Behind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hospitals: sales against visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hospital</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target doctors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sold per visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Districts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My doctors and hospitals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>District</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frequency attainment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits per working day per rep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales attainment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>behind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on track</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvaluationDetail</name>
    <message>
        <source>Choose an evaluation in the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{evaluatee} — {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind} by {evaluator} · {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corrects an earlier evaluation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weighted total: {total} / {max}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strengths</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Areas to improve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits observed: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicators at the date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue editing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open form…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a correction…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The evaluation form with its signature lines, as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No action items.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text} (due {due})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledgement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged by {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your comment (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for {name} to acknowledge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A draft: the evaluated person does not see it yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvaluationDialog</name>
    <message>
        <source>Evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Competencies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a correction…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whom and when</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluated person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits observed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No visits of this person on this day in your replica.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicators at the date (month to date)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strengths</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Areas to improve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add action item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not in your team)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co-visit evaluation (协访)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accompanied-visit evaluation (随访)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correction of the evaluation of {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(you accompanied)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the evaluated person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weighted total: {total} / {max}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After submitting, the evaluation is locked and sent to the evaluated person. Submit now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: see the problems above. Close again to discard the changes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvaluationWords</name>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted, awaiting acknowledgement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accompanied visit (随访)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co-visit (协访)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose whom you evaluate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score every competency before submitting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An action item needs a text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can only evaluate a member of your own team.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date cannot be in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The score must be a whole number from {low} to {high}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This competency is not part of the template.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An observed visit could not be found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An observed visit is not one of the evaluated person&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An observed visit is not on the evaluation date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An action item is at most 1000 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An action item is due on or after the evaluation date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The evaluation template is not available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frequency attainment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade {grade} ({doctors} doctors)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target doctors covered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits per working day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average visit quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan adherence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reps in the team</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvaluationsPage</name>
    <message>
        <source>Evaluations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New evaluation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written by me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All time</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Last %n month(s)</source>
        <translation>
            <numerusform>Last month</numerusform>
            <numerusform>Last %n months</numerusform>
        </translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Competency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click an entry to open its evaluation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trend of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(person and period as chosen on the list)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No evaluations match these filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} evaluation(s) · {ack} to acknowledge · {pending} awaiting acknowledgement · {overdue} overdue action item(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} evaluation(s) about you · {ack} to acknowledge · {items} open action item(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted, waiting for acknowledgement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{date} · {name} · total {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue action items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {text} (due {due})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My open action items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text} (due {due})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weighted total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluations per evaluator and month (target per month by rule)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team average</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No submitted evaluations in the last two years.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportableTable</name>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldDaysPanel</name>
    <message>
        <source>Tick the reps you will ride along with each day; changes are kept at once, also offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your district managers&apos; field days: pick one, then a day; approve or return a submitted week.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>District manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field days this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reps accompanied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment for the district manager (required to return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve field days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return with comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit field days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview, print or save this week&apos;s field days as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This week&apos;s field days are submitted or approved: they can no longer be changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can only ride along with the reps of your own team.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan at least one field day before submitting the week.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why the field days go back: the district manager sees your comment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the regional manager of this district manager can approve or return the field days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the district manager who owns these field days can submit them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field days cannot move to that status now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a district manager plans field days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned by your regional manager: {comment}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field days this week: {days}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{day}: riding along with {reps}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{day}: no ride-along planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GoodPracticeList</name>
    <message>
        <source>Visits your managers marked as exemplary, shared with the whole team. Double-click one to read it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marked on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Institution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No exemplary visits yet. When a manager marks a visit as exemplary, it appears here for everyone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the Good practice list: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InstitutionsPage</name>
    <message>
        <source>Search name, city or code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doctors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Department / doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No institutions yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync to download the hospitals and pharmacies of your territory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 institutions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an institution to see its departments and doctors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 beds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no department)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 doctors)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the institutions: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Knowledge</name>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Competitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Competitor product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAQ and objections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KnowledgeDigest</name>
    <message>
        <source>Knowledge base</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n must-read article(s) to confirm</source>
        <translation>
            <numerusform>%n must-read article to confirm</numerusform>
            <numerusform>%n must-read articles to confirm</numerusform>
        </translation>
    </message>
    <message>
        <source>New and updated: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No new articles.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KnowledgePage</name>
    <message>
        <source>Search: 降压, 心安平, xap, dosing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing found. Try fewer or other words, or another category.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
    <message>
        <source>expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team: must-read confirmations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not yet read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Must read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing left to confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New and updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No new articles in the last two weeks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No must-read articles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>everyone has confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This article is no longer available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The linked article “%1” is not in the knowledge base.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm that you have read and understood “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KpiCard</name>
    <message>
        <source>previous period: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 vs previous (%3)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KpiStanding</name>
    <message>
        <source>Your rank in the district appears after the server has computed this period and you have synced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your coverage this period: %1 (the company does not show ranks to reps).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your rank %1 of %2 in the district by coverage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your rank %1 of %2 in the district by coverage · district median %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team ranking (below): as computed by the server, %1 UTC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team ranking (below): computed on this computer; the server has not computed this period yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>FieldRep is locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FieldRep was locked after a period without use. Enter the password of %1 to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FieldRep is locked. Enter the password of %1 to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>FieldRep — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;FieldRep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected changes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doctors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Institutions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Knowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session on the server ended. Enter the password of %1 to keep syncing.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MasterData</name>
    <message>
        <source>Chief physician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Associate chief physician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attending physician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resident physician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pharmacist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tertiary grade A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tertiary grade B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tertiary grade C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secondary grade A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secondary grade B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secondary grade C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Primary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unrated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hospital</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pharmacy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Community health center</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face to face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Department meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Academic event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hospital level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Department outpatients per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Department beds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product potential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotificationList</name>
    <message>
        <source>Nothing new.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newest: %1 · %2 — click to hide them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newest: %1 · %2 — click to list them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&apos;s visit to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>and %n more: Visits › Good practice lists them all</source>
        <translation>
            <numerusform>and %n more: Visits › Good practice lists them all</numerusform>
            <numerusform>and %n more: Visits › Good practice lists them all</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Show %n more</source>
        <translation>
            <numerusform>Show %n more</numerusform>
            <numerusform>Show %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NotificationText</name>
    <message>
        <source>%1 left a suggestion on your visit to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 added a note to your visit to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 commented on your visit to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 marked your visit to %2 exemplary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 reviewed your visit to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Good practice: %1&apos;s visit to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused a change to a visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused a comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused a review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused one of your changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of your target doctors are behind their visits this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 planned visits today are not logged yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your manager returned your plan for the week of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is shared with the team as good practice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marked exemplary by %1 and shared with the team.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Rejected changes to fix or discard it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n new good-practice visit(s)</source>
        <translation>
            <numerusform>%n new good-practice visit</numerusform>
            <numerusform>%n new good-practice visits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new notification(s)</source>
        <translation>
            <numerusform>%n new notification</numerusform>
            <numerusform>%n new notifications</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ops</name>
    <message>
        <source>The disk is full: free some space and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FieldRep may not write to its data folder ({detail}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This visit is submitted and locked: record a correction as a new visit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This evaluation is submitted and locked: record a correction as a new evaluation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This record is submitted and can no longer be changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This record is no longer on this computer (a sync may have removed it). Refresh the page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in once online first: this computer does not know your account yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No evaluation template for your role has reached this computer yet: sync, or ask your administrator to publish one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your account belongs to no district, so the receipt has no one to go to.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PdfView</name>
    <message>
        <source>Zoom out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit the page to the window&apos;s width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No document.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the document…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This document cannot be shown: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is not a readable PDF (it may be damaged or not a PDF at all).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the PDF has no pages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>page {page} cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>page {page} cannot be drawn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the document was closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no page {page}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page {number} cannot be shown: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page {n} / {m}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanAdherenceTab</name>
    <message>
        <source>This month: a planned visit is done when a submitted visit is linked to it, and missed when its day ends without one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adherence</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanPage</name>
    <message>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ Previous week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next week ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team plans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My field days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>District managers&apos; field days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment for the rep (required to return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return with comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekly report (plan against actual)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day plan with route…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field days (week)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adherence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggestions (drag onto a day, or Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill the week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spread the best suggestions over the working days; doctors of one institution stay on one day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remind me of doctors behind from day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day of the month from which Today lists the target doctors behind their visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortest order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{manager} rides along with you on {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(awaiting approval)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{manager} rides along</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why the plan goes back: the rep sees your comment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plan cannot move to that status now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This week&apos;s plan is submitted or approved: it can no longer be changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a user with a territory plans a week of visits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This doctor is not on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This doctor is outside this plan&apos;s territory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This doctor is already planned on that day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That day is outside this plan&apos;s week.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the rep who owns the plan can submit it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reminder day must be between 1 and 28.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{first} – {last}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned by your manager: {comment}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (settled by the server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{doctor}
(unplanned visit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody in your team has a plan this week.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned {planned} · done {done} · missed {missed} · unplanned {unplanned} · adherence {adherence} · week route {km:.1f} km, {stops} stops, {per:.1f} visits per stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{done} of {required} visits this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route for {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No visits planned on this day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shortest order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{stops} stops, {km:.1f} km, about {travel:.0f} min on the road and {visit:.0f} min with doctors ({order})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted, waiting for approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unplanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>behind pace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not seen for a while</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>next visit due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same hospital that day</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintActions</name>
    <message>
        <source>Daily visit summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekly visit summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly visit summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team visit summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekly report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field days (week)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doctor visit history</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintMenuButton</name>
    <message>
        <source>Print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview, print or save a visit summary as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day summary…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week summary…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month summary…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekly report (plan against actual)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day plan with route…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team summary for the month…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <source>en</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>Language of the print:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The print could not be made: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending the pages to the printer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} page(s) sent to the printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing failed: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF could not be saved: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProductArticlesDialog</name>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No products to look up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The knowledge base has no article for these products yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) for these products.</source>
        <translation>
            <numerusform>%n article for these products.</numerusform>
            <numerusform>%n articles for these products.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProductRow</name>
    <message>
        <source>Choose a product…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product no longer in the catalogue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key message delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doctor&apos;s reaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reaction</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProductsEditor</name>
    <message>
        <source>No product detailed yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add product</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RejectedChangesDialog</name>
    <message>
        <source>Rejected changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not accept these changes. They are kept here until you fix or discard them; export them to keep a copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doctor request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event attendee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This status change is not allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already submitted and locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No longer in your territory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Belongs to someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not allowed for your role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No longer exists on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown field (update the app)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown record type (update the app)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The visit is a draft again: correct it and submit it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editing cannot fix this: the server refuses this visit for who or where it is (for example, its doctor left your territory). Export it to keep a copy, then discard it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This change cannot be fixed here: %1 Export it to keep a copy, then discard it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the change again where it belongs, or discard it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused change:
%1

The record now:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export unsynced changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) written to %1.</source>
        <translation>
            <numerusform>%n change written to %1.</numerusform>
            <numerusform>%n changes written to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RepAveragePanel</name>
    <message>
        <source>Average quality per rep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportTables</name>
    <message>
        <source>Export %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coverage of target doctors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits per working day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average visit quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits on plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frequency by grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target doctors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attainment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales against target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team ranking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My doctors and hospitals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drill-down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frequency attainment by grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales against target (no sales data for this period)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team median coverage: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Q%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Enter the server address, for example https://crm.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s security certificate could not be verified (TLS error). Check the address, or ask IT whether the certificate is valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a valid server address; check it for typing errors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the server. Check the address and your network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is having problems (HTTP %1). Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This address answers, but it is not a FieldRep server. Check the address (ask your administrator for the right one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server needs a newer FieldRep. Install the latest version of this app, then sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This FieldRep is newer than the server. Ask your administrator to update the server, or use the matching app version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong username or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account is disabled. Contact your administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many attempts. Wait a minute, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your username and password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is having problems. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data file on this computer cannot be opened with this password (it may come from an older password, another program, or be damaged). FieldRep can move it aside (it is kept, not deleted) and download your data again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your username.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The old data file was kept as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the server. Check the address and your network. The first sign-in on this computer needs a connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong password. (The server cannot be reached, so the password was checked against your last online sign-in on this computer.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in offline: your changes are kept and sent when the server can be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has no secure password store (keyring), so FieldRep keeps no password or key on disk and asks for your password at every start.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsChecks</name>
    <message>
        <source>FieldRep cannot write to this folder. Choose a folder you may write to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No FieldRep server answers at this address. Check it and your network.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not measured yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock after inactivity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachment storage limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachments on this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new server address or data folder is used at the next sign-in. The language changes at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 files, %3 (budget %4)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SharedVisitDialog</name>
    <message>
        <source>Good practice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2 — marked exemplary by %3 on %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Products detailed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doctor feedback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — key message: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — reaction: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to FieldRep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FieldRep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with the account your company gave you. After the first sign-in you can also sign in without a connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move it aside and download again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your username.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in failed unexpectedly: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartingWindow</name>
    <message>
        <source>FieldRep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening your data…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Storage</name>
    <message>
        <source>The disk is full, so FieldRep could not save. Free some space (delete or move large files), then try again. Everything saved before is safe, and what you typed is still on screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FieldRep cannot write to its data folder (it is read-only). Check the folder&apos;s permissions or choose another data folder in Settings. Everything saved before is safe.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SubmitRefusals</name>
    <message>
        <source>Doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Products detailed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doctor feedback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next visit date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accompanied by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This visit is no longer on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SubmitReportDialog</name>
    <message>
        <source>Submit visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 submitted. %2 could not be submitted; fix them and submit again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown visit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncRunner</name>
    <message>
        <source>The server&apos;s security certificate could not be verified (TLS error). Check the address, or ask IT whether the certificate is valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session on the server has ended. Enter your password to continue syncing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This FieldRep version no longer matches the server. Install the latest version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync cancelled. What was already exchanged is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync failed unexpectedly: %1. Try again; if it keeps failing, export your unsynced changes (Rejected changes → Export) and contact support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: your changes are kept and will sync when you are connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to sync: this device is not signed in to the server yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending changes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n rejected</source>
        <translation>
            <numerusform>%n rejected</numerusform>
            <numerusform>%n rejected</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync (waiting for connection)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: your changes are kept and will sync when you are connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync (waiting for sign-in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in again to continue syncing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receiving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync complete: %1 received, %2 sent.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeamFilterBar</name>
    <message>
        <source>All reps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doctor, pinyin or hospital</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not reviewed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The start date is after the end date.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeamPage</name>
    <message>
        <source>Team visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Good practice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan adherence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Institution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the team&apos;s visits: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TodayEvaluationsCard</name>
    <message>
        <source>Evaluations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluations made this month: {n} of {target}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team visits of the last 7 days not reviewed yet: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drafts to finish: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your action items from evaluations:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text} (due {due})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>Good day, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark all as seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviews and good-practice visits leave this list; comments leave it once read, refused changes once fixed or discarded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changes waiting to be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changes the server refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unread manager comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your visits this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doctors by grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grade %1 doctors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today you ride along with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On %2 you ride along with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today %1 rides along with you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rides along with you on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>Visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open the visit: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored what you typed on %1 (not yet saved as a draft).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft — saved automatically as you type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New visit — saved automatically as you type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved on this computer — fix the marked fields to save the draft.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save: %1. What you typed is still in the form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit this visit? A submitted visit is locked: later corrections are recorded as amendments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not submitted: fix the marked fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not submit: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Articles on these products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit not saved as a draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This visit cannot be saved as a draft yet (see the marked fields). Keep what you typed on this computer?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitFormLabels</name>
    <message>
        <source>duration in range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>purpose stated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>product detailed with a key message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>feedback recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>result recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>next step set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>linked to a plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no product with a key message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no feedback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required to submit the visit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needed to save the draft (what you typed is kept on this computer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This doctor is no longer in your territory (reassigned); choose another doctor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The visit cannot end before it starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too long: %1 characters, at most %2 are allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This product is not in the active catalogue; choose another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a product.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the key message you delivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is in the future; record the visit after it happened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits can be recorded at most %1 days after they happen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That month is closed: last month&apos;s visits can be submitted until day %1 of this month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The visit lasted %1 minutes; between %2 and %3 is expected (the duration points are withheld).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a visit type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This value is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s clock is earlier than the server time seen at the last sync; correct the date and time (or sync) before submitting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This visit is submitted and locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A companion is a district or regional manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot accompany your own visit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the visit&apos;s rep records who came along.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The visit being corrected does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a submitted visit can be corrected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A correction must be recorded by the rep of the original visit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A correction must be about the same doctor as the original visit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitFormView</name>
    <message>
        <source>Visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a name, pinyin or hospital…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Articles on these products…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The knowledge base articles of the products being detailed, offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Products detailed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doctor feedback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accompanied by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updates as you type. The server computes the final score.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amend…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (no longer in your territory)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doctor no longer in your territory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A key message is required for each product.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted on %1 — locked. A correction is recorded as an amendment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This draft belongs to another user: read only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This visit&apos;s doctor is no longer in your territory (reassigned while you were offline). The visit is kept on this computer: sync to send it; if the server refuses it, export it from Sync problems.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This visit corrects an earlier submitted visit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no institution)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no department)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing scored yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitStatus</name>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exemplary</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitThreadWidget</name>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exemplary — share with the team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No comments yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a comment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a comment, a suggestion or a note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feedback on this visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something to do next time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For the record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New since you last looked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not reviewed yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewed by %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exemplary: shared with the team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewed ✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write something before sending.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too long: at most %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can reply with a comment only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitsPage</name>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throw the selected drafts away (submitted visits cannot be deleted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit the selected drafts: they are locked for good.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Good practice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Institution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week %1: %2 – %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No visits on this day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No visits in this week.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · average quality %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 visit form(s) not saved as a draft yet (something required to save is missing, such as the doctor). What you typed is kept on this computer. &lt;a href=&apos;open&apos;&gt;Continue&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read your visits: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit selected (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1 draft(s)? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 draft(s) deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 visits submitted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not submit: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
