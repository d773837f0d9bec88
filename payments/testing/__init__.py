"""Stand-ins for the outside parties, ours, for tests and demos: a PSP speaking the
API Pix over HTTPS with mTLS on 127.0.0.1 (psp_server) and its certificates (certs)."""
