<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Ops</source>
        <comment>The disk is full: free some space and try again.</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ops</source>
        <comment>FieldRep may not write to its data folder ({detail}).</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ops</source>
        <comment>Something went wrong: {detail}</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DoctorDetailPane</name>
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
        <source>Grade</source>
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
        <source>Plan your week and your daily route here. Coming soon.</source>
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
        <source>Product information, competitor notes and FAQs will be here. Coming soon.</source>
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
        <source>Accompanied-visit and co-visit evaluations will be here. Coming soon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KPI cards, charts and rankings will be here. Coming soon.</source>
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
        <source>and %1 more</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>and %1 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 new notifications</source>
        <translation type="unfinished"></translation>
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
        <source>Breaks a visit rule</source>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <source>%1 (no longer in your territory)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doctor no longer in your territory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody</source>
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
    <message>
        <source>A former manager</source>
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
