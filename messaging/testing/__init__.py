"""Local stand-ins for the services our channels reach, for tests and demos on 127.0.0.1."""
