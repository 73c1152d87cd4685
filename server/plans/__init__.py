"""Weekly plans on the server: the final done/missed answer (``settle``)."""
