"""The write policy of every client-writable table, one declaration each.

Adding a client-writable table is adding one ``Policy`` to ``POLICIES`` (and the
table's ``client_ops`` in wire/schema.py); until then the table refuses every client
write. The rules that are not "who" (a planned date inside its plan's week, a review
filed under its visit's territory, the evaluation total) live next to the policy
that uses them, in ``server.sync.policy_rules``.
"""

from __future__ import annotations

from domain.roles import Role
from server.sync.policies import (
    ALL_ROLES,
    DELETE,
    IN_SCOPE,
    INSERT,
    MANAGER_OF_TERRITORY,
    MANAGERS,
    UPDATE,
    Grant,
    Policy,
    Transition,
    any_of,
    manager_not,
    owner,
)
from server.sync.policies import POLICIES as DECLARED
from server.sync.policy_rules import (
    EVALUATEE,
    EVALUATOR_OF_TEAM,
    EVENT_ORGANISER,
    FIELD_PLAN_EDITABLE,
    REGION_MANAGER,
    SELF_COMPANION,
    VISIT_DRAFT_OWNER,
    approve_change_request,
    evaluation_fits_template,
    evaluation_server_values,
    field_day_fits_plan,
    field_day_plan_open,
    field_plan_week_starts_monday,
    plan_week_starts_monday,
    planned_date_in_week,
    planned_visit_plan_open,
    same_territory_as,
)

_RW = frozenset({INSERT, UPDATE})
_RWD = frozenset({INSERT, UPDATE, DELETE})

PLAN_REP = owner("rep_id")
PLAN_MANAGER = manager_not("rep_id")
# The owner's columns of a weekly plan: review_comment is the reviewer's (why returned).
PLAN_OWNER_COLUMNS = frozenset({"week_start", "status", "notes"})

VISIT_PLANS = Policy(
    "visit_plans",
    grants=(
        Grant(ALL_ROLES, frozenset({INSERT}), PLAN_REP,
              columns=PLAN_OWNER_COLUMNS | {"rep_id", "territory_id"}),
        Grant(ALL_ROLES, frozenset({UPDATE}), PLAN_REP, columns=PLAN_OWNER_COLUMNS,
              states=frozenset({"draft", "returned"})),
        Grant(ALL_ROLES, frozenset({DELETE}), PLAN_REP, states=frozenset({"draft"})),
        Grant(MANAGERS, frozenset({UPDATE}), PLAN_MANAGER,
              columns=frozenset({"status", "review_comment"}), states=frozenset({"submitted"})),
    ),
    state_column="status",
    transitions=(
        Transition(None, frozenset({"draft", "submitted"}), ALL_ROLES, PLAN_REP),
        Transition("draft", frozenset({"submitted"}), ALL_ROLES, PLAN_REP),
        Transition("returned", frozenset({"submitted", "draft"}), ALL_ROLES, PLAN_REP),
        Transition("submitted", frozenset({"approved", "returned"}), MANAGERS, PLAN_MANAGER),
    ),
    locked=frozenset({"approved"}),
    fixed=frozenset({"rep_id", "territory_id"}),
    checks=(plan_week_starts_monday,),
    notes="The rep plans their week; their DM or RM approves or returns it.",
)

PLANNED_VISITS = Policy(
    "planned_visits",
    grants=(Grant(ALL_ROLES, _RWD, owner("rep_id")),),
    fixed=frozenset({"plan_id", "rep_id", "territory_id"}),
    checks=(planned_date_in_week,),
    delete_checks=(planned_visit_plan_open,),
    notes="Only the plan's rep, while the plan is draft or returned; the date lies in the "
          "plan's week (Monday to Sunday).",
)

VISITS = Policy(
    "visits",
    grants=(Grant(ALL_ROLES, _RWD, owner("rep_id")),),
    state_column="status",
    transitions=(
        Transition(None, frozenset({"draft", "submitted"}), ALL_ROLES, owner("rep_id")),
        Transition("draft", frozenset({"submitted"}), ALL_ROLES, owner("rep_id")),
    ),
    locked=frozenset({"submitted"}),
    fixed=frozenset({"rep_id"}),
    server_computed=("quality_score", "quality_explanation", "submitted_at"),
    locked_message="This visit is submitted and locked; record a correction as a new visit.",
    notes="Only the owning rep writes a draft; submitted visits are locked for good.",
)

VISIT_COMMENTS = Policy(
    "visit_comments",
    grants=(Grant(ALL_ROLES, _RW, owner("author_id")),),
    fixed=frozenset({"visit_id", "territory_id", "author_id", "kind"}),
    notes="Anyone who sees the visit comments; only the author edits.",
)

VISIT_REVIEWS = Policy(
    "visit_reviews",
    grants=(Grant(MANAGERS, _RW, owner("reviewer_id")),),
    fixed=frozenset({"visit_id", "territory_id", "reviewer_id"}),
    checks=(same_territory_as("visit_id", "visits"),),
    notes="Managers review visits of their territories, filed under the visit's territory.",
)

COMMENT_READS = Policy(
    "comment_reads",
    grants=(Grant(ALL_ROLES, _RW, owner("user_id")),),
    fixed=frozenset({"comment_id", "territory_id", "user_id"}),
    checks=(same_territory_as("comment_id", "visit_comments"),),
    notes="A read receipt is the reader's own.",
)

EVENTS = Policy(
    "events",
    grants=(
        Grant(ALL_ROLES, frozenset({INSERT}), owner("organizer_id")),
        Grant(ALL_ROLES, frozenset({UPDATE, DELETE}),
              any_of(owner("organizer_id"), MANAGER_OF_TERRITORY)),
    ),
    fixed=frozenset({"organizer_id"}),
    notes="The organiser or a manager of the territory edits and deletes.",
)

EVENT_ATTENDEES = Policy(
    "event_attendees",
    grants=(
        Grant(ALL_ROLES, frozenset({INSERT}), IN_SCOPE),
        Grant(ALL_ROLES, frozenset({UPDATE, DELETE}),
              any_of(EVENT_ORGANISER, MANAGER_OF_TERRITORY)),
    ),
    fixed=frozenset({"event_id", "territory_id", "doctor_id"}),
    checks=(same_territory_as("event_id", "events"),),
    notes="Anyone of the territory adds attendees; the organiser or a manager edits them.",
)

CR_REQUESTER = owner("requester_id")
CR_APPROVER = manager_not("requester_id")

CHANGE_REQUESTS = Policy(
    "change_requests",
    grants=(
        Grant(ALL_ROLES, frozenset({INSERT}), CR_REQUESTER,
              columns=frozenset({"territory_id", "requester_id", "target_table", "target_id",
                                 "action", "proposed", "reason", "status"})),
        Grant(ALL_ROLES, frozenset({UPDATE}), CR_REQUESTER,
              columns=frozenset({"proposed", "reason"}), states=frozenset({"pending"})),
        Grant(MANAGERS, frozenset({UPDATE}), CR_APPROVER,
              columns=frozenset({"status", "decision_note"}), states=frozenset({"pending"})),
    ),
    state_column="status",
    transitions=(
        Transition(None, frozenset({"pending"}), ALL_ROLES, CR_REQUESTER),
        Transition("pending", frozenset({"approved", "rejected"}), MANAGERS, CR_APPROVER),
    ),
    locked=frozenset({"approved", "rejected"}),
    fixed=frozenset({"territory_id", "requester_id", "target_table", "target_id", "action"}),
    server_computed=("approver_id", "decided_at"),
    compute=approve_change_request,
    notes="The requester files; a DM/RM of the territory (not the requester) decides; "
          "an approval changes the doctor or institution in the same transaction; "
          "it must be one the request's territory holds.",
)

EVALUATION_PARTIES = frozenset({"template_id", "evaluator_id", "evaluatee_id", "kind"})
EVALUATOR_COLUMNS = frozenset({"eval_date", "observed_visit_ids", "scores", "strengths",
                               "improvements", "action_plan", "status", "indicators",
                               "amends_evaluation_id"})

EVALUATIONS = Policy(
    "evaluations",
    grants=(
        Grant(MANAGERS, frozenset({INSERT}), EVALUATOR_OF_TEAM,
              columns=EVALUATOR_COLUMNS | EVALUATION_PARTIES),
        Grant(MANAGERS, frozenset({UPDATE}), EVALUATOR_OF_TEAM, columns=EVALUATOR_COLUMNS,
              states=frozenset({"draft"})),
        Grant(ALL_ROLES, frozenset({UPDATE}), EVALUATEE,
              columns=frozenset({"evaluatee_comment", "status"}),
              states=frozenset({"submitted"})),
    ),
    state_column="status",
    transitions=(
        Transition(None, frozenset({"draft", "submitted"}), MANAGERS, EVALUATOR_OF_TEAM),
        Transition("draft", frozenset({"submitted"}), MANAGERS, EVALUATOR_OF_TEAM),
        Transition("submitted", frozenset({"acknowledged"}), ALL_ROLES, EVALUATEE),
    ),
    locked=frozenset({"submitted", "acknowledged"}),
    fixed=EVALUATION_PARTIES,
    server_computed=("total_score", "submitted_at", "acknowledged_at", "district_id", "kind"),
    checks=(evaluation_fits_template,),
    compute=evaluation_server_values,
    notes="A DM evaluates reps of their district, an RM DMs of their region, with the "
          "template for their role; submitted is locked; the evaluatee only acknowledges "
          "and comments; the total is recomputed from the template weights.",
)

EVALUATION_ACTION_ITEMS = Policy(
    "evaluation_action_items",
    grants=(
        Grant(MANAGERS, _RWD, owner("evaluator_id")),
        Grant(ALL_ROLES, frozenset({UPDATE}), owner("evaluatee_id"),
              columns=frozenset({"done_at", "done_note"})),
    ),
    fixed=frozenset({"evaluation_id", "evaluator_id", "evaluatee_id"}),
    server_computed=("district_id",),
    notes="The evaluator writes the action items of their evaluation; the evaluatee only "
          "marks them done (the evaluation itself stays locked).",
)

VISIT_COMPANIONS = Policy(
    "visit_companions",
    grants=(
        # A manager who observed a visit (an evaluation names it) records themselves.
        Grant(MANAGERS, frozenset({INSERT}), SELF_COMPANION),
        # The visit form: the rep adds and removes companions of their own draft.
        Grant(ALL_ROLES, frozenset({INSERT, DELETE}), VISIT_DRAFT_OWNER),
    ),
    fixed=frozenset({"visit_id", "territory_id", "user_id"}),
    checks=(same_territory_as("visit_id", "visits"),),
    notes="The visit's rep adds and removes the managers who came along (one row each) "
          "while the visit is a draft; a manager may add themselves to a visit they "
          "observed. No one changes a row; the companion must be a DM or RM over the "
          "visit's territory (server.evaluations.validators).",
)

KNOWLEDGE_READS = Policy(
    "knowledge_reads",
    grants=(Grant(ALL_ROLES, frozenset({INSERT}), owner("user_id")),),
    fixed=frozenset({"article_id", "user_id", "district_id"}),
    notes="A must-read confirmation is the reader's own, filed under their district.",
)

DOCTORS = Policy(
    "doctors",
    grants=(Grant(MANAGERS, frozenset({UPDATE}), MANAGER_OF_TERRITORY,
                  columns=frozenset({"target_override"})),),
    notes="Master data comes from the server (imports, approved change requests); a DM or "
          "RM of the doctor's territory only marks them target / not target regardless of "
          "grade (target_override: true, false, or null for \"by grade\").",
)

DMS = frozenset({Role.DM})
RMS = frozenset({Role.RM})
FIELD_DM = owner("manager_id")

FIELD_PLANS = Policy(
    "field_plans",
    grants=(
        Grant(DMS, frozenset({INSERT}), FIELD_DM,
              columns=frozenset({"manager_id", "district_id", "week_start", "status", "notes"})),
        Grant(DMS, frozenset({UPDATE}), FIELD_DM, columns=frozenset({"status", "notes"}),
              states=FIELD_PLAN_EDITABLE),
        Grant(DMS, frozenset({DELETE}), FIELD_DM, states=frozenset({"draft"})),
        Grant(RMS, frozenset({UPDATE}), REGION_MANAGER,
              columns=frozenset({"status", "review_comment"}), states=frozenset({"submitted"})),
    ),
    state_column="status",
    transitions=(
        Transition(None, frozenset({"draft", "submitted"}), DMS, FIELD_DM),
        Transition("draft", frozenset({"submitted"}), DMS, FIELD_DM),
        Transition("returned", frozenset({"submitted", "draft"}), DMS, FIELD_DM),
        Transition("submitted", frozenset({"approved", "returned"}), RMS, REGION_MANAGER),
    ),
    locked=frozenset({"approved"}),
    fixed=frozenset({"manager_id", "district_id", "week_start"}),
    checks=(field_plan_week_starts_monday,),
    notes="A DM plans their own field days (which reps they ride along with); the RM of "
          "the district's region approves or returns the week.",
)

FIELD_DAYS = Policy(
    "field_days",
    grants=(Grant(DMS, _RWD, FIELD_DM),),
    fixed=frozenset({"plan_id", "manager_id", "district_id"}),
    checks=(field_day_fits_plan,),
    delete_checks=(field_day_plan_open,),
    notes="Only the plan's DM, until the week is approved; the day lies in the "
          "week; the accompanied rep is a rep of the DM's district.",
)

POLICIES: dict[str, Policy] = DECLARED  # the registry ``policies.compiled`` reads
POLICIES.update({p.table: p for p in (
    VISIT_PLANS, PLANNED_VISITS, VISITS, VISIT_COMMENTS, VISIT_REVIEWS, COMMENT_READS,
    EVENTS, EVENT_ATTENDEES, CHANGE_REQUESTS, EVALUATIONS, EVALUATION_ACTION_ITEMS,
    VISIT_COMPANIONS, KNOWLEDGE_READS, DOCTORS, FIELD_PLANS, FIELD_DAYS,
)})
