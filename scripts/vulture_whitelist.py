"""Names vulture cannot see used: they are called or read by a framework.

Read by vulture, never imported or run. How the dead-code check was made (code used
only by desktop/ or the tests counts as used):

    vulture server sync wire local_store domain bench desktop scripts tests \
        scripts/vulture_whitelist.py --exclude server/migrations/versions
"""

# FastAPI: routes and exception handlers registered by decorators.
health  # server/health.py
list_territories  # server/org/views.py
list_doctors
get_doctor
_api_error  # server/api/errors.py
_service_error
_validation
_http
_unexpected

# pydantic: configuration and response fields.
model_config
token_type  # server/auth/views.py
specialty  # server/org/views.py

# SQLAlchemy: event listeners and DBAPI connection attributes.
_sqlite_pragmas  # server/db.py
_sqlite_begin
_pragmas  # local_store/db.py
_.isolation_level
sync_state  # local_store/replica.py: a replica table (created with the metadata)

# requests: session and response attributes set for the library to read.
_.cert  # sync/client.py
_.trust_env  # sync/client.py, bench/fleet.py
_._content  # sync/client.py
_._content_consumed

# Push validators registered per table by @register_validator.
enforce_comment_rules  # server/visits/comments.py
enforce_visit_rules  # server/visits/validators.py

# domain/grading.py: DoctorAttributes fields read by name (value_of).
hospital_level
department_beds
