"""Visits on the server: the business rules enforced on every pushed visit.

Importing ``server.visits.validators`` registers them with the push authorizer
(``server.sync.push`` does so, so every code path that applies pushes has them).
"""
