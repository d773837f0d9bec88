"""`posapp-cloud`: serve the endpoint, create chains, add, list, move and revoke terminals,
rotate a chain's admin key, move the expiry role, deliver messages, make, seal with and
rotate the secret key."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session, sessionmaker

from cloud import secrets, terminals
from cloud.db import make_engine, make_sessions, unit_of_work, upgrade
from cloud.errors import ApiError
from cloud.limits import PUSH_SLOTS, BodyLimits
from cloud.schemas import DeliveryIn
from cloud.terminals import ACTOR_CLI, RateLimit

INTERVAL_ENV = "POSAPP_CLOUD_DELIVERY_INTERVAL"
SKEW_ENV = "POSAPP_CLOUD_CLOCK_SKEW_DAYS"
DEFAULT_INTERVAL = 30.0
PLAIN_OPTIONS = (
    "smtp_host", "smtp_port", "smtp_tls", "smtp_username", "smtp_sender",
    "webhook_url", "webhook_body_template",
)  # fmt: skip
"""`delivery set` options copied as given (the secrets come from the environment)."""


def _float_env(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


def _default_interval() -> float:
    """Seconds between delivery runs of `serve` (0: none); the environment may say."""
    try:
        return float(os.environ.get(INTERVAL_ENV, DEFAULT_INTERVAL))
    except ValueError:
        return DEFAULT_INTERVAL


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="posapp-cloud", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="upgrade the schema, then serve the endpoint")
    serve.add_argument("--database-url", required=True, help="postgresql://user@host:port/db")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument(
        "--delivery-interval",
        type=float,
        default=_default_interval(),
        help=f"seconds between message delivery runs, 0 for none (default ${INTERVAL_ENV} "
        f"or {DEFAULT_INTERVAL:g})",
    )
    serve.add_argument(
        "--workers", type=int, default=1, help="uvicorn worker processes (stateless; default 1)"
    )
    serve.add_argument("--certfile", help="serve HTTPS with this certificate chain (PEM)")
    serve.add_argument("--keyfile", help="the certificate's private key (PEM)")
    serve.add_argument(
        "--forwarded-allow-ips",
        help="behind a reverse proxy: the proxy's addresses whose X-Forwarded-For and "
        "X-Forwarded-Proto are trusted (comma-separated, e.g. 127.0.0.1)",
    )
    serve.add_argument(
        "--rate-limit",
        type=float,
        default=RateLimit().per_second,
        help="calls per second refilled per terminal token, 0 for none "
        f"(default {RateLimit().per_second:g})",
    )
    serve.add_argument(
        "--rate-burst",
        type=float,
        default=RateLimit().burst,
        help=f"calls a terminal token may make at once (default {RateLimit().burst:g})",
    )
    serve.add_argument(
        "--push-slots",
        type=int,
        default=PUSH_SLOTS,
        help="pushes each worker process applies at once; more wait their turn "
        f"(default {PUSH_SLOTS})",
    )
    serve.add_argument(
        "--max-push-bytes",
        type=int,
        default=BodyLimits().push,
        help=f"largest POST /v1/events body (default {BodyLimits().push})",
    )
    serve.add_argument(
        "--clock-skew-days",
        type=float,
        default=_float_env(SKEW_ENV, 2.0),
        help="how far ahead of the server's clock a counter's event times may be "
        f"(default ${SKEW_ENV} or 2 days)",
    )
    serve.add_argument(
        "--max-body-bytes",
        type=int,
        default=BodyLimits().default,
        help=f"largest body of any other request (default {BodyLimits().default})",
    )

    chain = commands.add_parser("chain", help="chains").add_subparsers(dest="action", required=True)
    create = chain.add_parser("create", help="create a chain; prints its id and secrets once")
    create.add_argument("name")
    create.add_argument("--database-url", required=True)

    terminal = commands.add_parser("terminal", help="terminals").add_subparsers(
        dest="action", required=True
    )
    add = terminal.add_parser("add", help="add a terminal to a chain; prints its token once")
    add.add_argument("chain_id")
    add.add_argument("name")
    add.add_argument("--database-url", required=True)
    expiry = terminal.add_parser(
        "expiry", help="make this terminal the chain's only expiry terminal (the role moves)"
    )
    expiry.add_argument("chain_id")
    expiry.add_argument("terminal_id")
    expiry.add_argument("--database-url", required=True)
    listing = terminal.add_parser("list", help="the chain's terminals and their last contact")
    listing.add_argument("chain_id")
    listing.add_argument("--database-url", required=True)
    moving = terminal.add_parser(
        "move", help="the counter moves to a new PC: a new token (shown once), the old revoked"
    )
    moving.add_argument("chain_id")
    moving.add_argument("terminal_id")
    moving.add_argument("--reason", required=True)
    moving.add_argument("--database-url", required=True)

    token = commands.add_parser("token", help="terminal tokens").add_subparsers(
        dest="action", required=True
    )
    revoke = token.add_parser("revoke", help="revoke a terminal's token (audited)")
    revoke.add_argument("chain_id")
    revoke.add_argument("terminal_id")
    revoke.add_argument("--reason", required=True)
    revoke.add_argument("--database-url", required=True)

    admin_key = commands.add_parser("key", help="a chain's admin key").add_subparsers(
        dest="action", required=True
    )
    rotate_key = admin_key.add_parser(
        "rotate", help="a new admin key (shown once); the old one stops working"
    )
    rotate_key.add_argument("chain_id")
    rotate_key.add_argument("--database-url", required=True)

    audit = commands.add_parser("audit", help="what was done to a chain's terminals and keys")
    audit.add_argument("chain_id")
    audit.add_argument("--database-url", required=True)
    quarantined = commands.add_parser("quarantine", help="events the endpoint refused")
    quarantined.add_argument("chain_id")
    quarantined.add_argument("--database-url", required=True)

    settings = commands.add_parser("delivery", help="a chain's message delivery settings")
    actions = settings.add_subparsers(dest="action", required=True)
    show = actions.add_parser("show", help="the settings (never the password)")
    show.add_argument("chain_id")
    show.add_argument("--database-url", required=True)
    change = actions.add_parser("set", help="change the settings given; the others are kept")
    change.add_argument("chain_id")
    change.add_argument("--database-url", required=True)
    change.add_argument("--smtp-host")
    change.add_argument("--smtp-port", type=int)
    change.add_argument("--smtp-tls", choices=["none", "starttls", "implicit"])
    change.add_argument("--smtp-username")
    change.add_argument(
        "--smtp-password-env",
        metavar="VARIABLE",
        help="the environment variable holding the SMTP password (never on the command line)",
    )
    change.add_argument("--smtp-sender", help="'Rede Bela <contato@redebela.com.br>'")
    change.add_argument("--webhook-url")
    change.add_argument(
        "--webhook-header",
        action="append",
        metavar="NAME=VARIABLE",
        help="a header whose value is read from the environment variable (repeatable; "
        "replaces every stored header)",
    )
    change.add_argument("--webhook-body-template")

    key = commands.add_parser("secret-key", help="the key that seals the stored secrets")
    key_actions = key.add_subparsers(dest="action", required=True)
    key_actions.add_parser("new", help="print a fresh key (base64 of 32 random bytes)")

    sealing = commands.add_parser(
        "secrets", help="the stored secrets (with the key of $POSAPP_CLOUD_SECRET_KEY[_FILE])"
    )
    sealing_actions = sealing.add_subparsers(dest="action", required=True)
    seal = sealing_actions.add_parser(
        "seal", help="encrypt the values still in clear (serve does it at start-up)"
    )
    seal.add_argument("--database-url", required=True)
    rotate = sealing_actions.add_parser(
        "rotate", help="re-encrypt every value under a new key, in one transaction"
    )
    rotate.add_argument("--database-url", required=True)
    rotate.add_argument(
        "--new-key-file", required=True, metavar="FILE", help="the new key (base64 of 32 bytes)"
    )

    deliver = commands.add_parser("deliver", help="deliver the chains' due messages")
    deliver.add_argument("--database-url", required=True)
    deliver.add_argument("--once", action="store_true", help="one run, then exit")
    deliver.add_argument("--interval", type=float, default=DEFAULT_INTERVAL)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "secret-key":
        print(secrets.new_key())
        return 0
    try:
        if args.command == "serve":
            return _serve(args)
        return _command(args)
    except secrets.SecretKeyProblem as problem:
        print(f"{problem.message}\n{problem.message_en}", file=sys.stderr)
        return 2


def _command(args: argparse.Namespace) -> int:
    # the commands that read or write the secrets need the key: checked before anything
    needs_key = args.command in ("deliver", "delivery", "secrets")
    box = secrets.SecretBox.from_environment() if needs_key else None
    upgrade(args.database_url)
    engine = make_engine(args.database_url, pool_size=2)
    try:
        if args.command == "secrets":
            assert box is not None
            return _secrets(make_sessions(engine), box, args)
        if args.command == "deliver":
            return _deliver(make_sessions(engine, box), once=args.once, interval=args.interval)
        with unit_of_work(make_sessions(engine, box)) as session:
            from cloud import delivery, registry

            if args.command == "chain":
                chain = registry.create_chain(session, args.name)
                print(f"chain_id: {chain.chain_id}")
                print(f"admin_key: {chain.admin_key}")
                print(f"webhook_secret: {chain.webhook_secret}")
                print("(the admin key and webhook secret are shown only now)")
            elif args.command == "terminal" and args.action == "expiry":
                moved = registry.move_expiry(session, args.chain_id, args.terminal_id)
                terminals.audit(session, args.chain_id, ACTOR_CLI, "expiry_move", moved.id)
                print(f"expiry_terminal_id: {moved.id}")
                print(f"name: {moved.name}")
            elif args.command in ("token", "key", "audit", "quarantine") or (
                args.command == "terminal" and args.action in ("list", "move")
            ):
                _identity(session, args)
            elif args.command == "terminal":
                made = registry.add_terminal(session, args.chain_id, args.name)
                terminals.audit(session, args.chain_id, ACTOR_CLI, "terminal_add", made.terminal_id)
                print(f"terminal_id: {made.terminal_id}")
                print(f"token: {made.token}")
                print("(the token is shown only now)")
            else:
                registry.known_chain(session, args.chain_id)
                if args.action == "set":
                    shown = delivery.set_settings(
                        session, args.chain_id, _changed_settings(session, args)
                    )
                else:
                    shown = delivery.get_settings(session, args.chain_id)
                print(shown.model_dump_json(indent=2))
    except ApiError as error:
        print(error.message_en, file=sys.stderr)
        return 1
    except (ValidationError, KeyError) as error:
        print(f"invalid settings: {error}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    return 0


def _changed_settings(session: Session, args: argparse.Namespace) -> DeliveryIn:
    """The stored settings with the options given on the command line changed."""
    from cloud import delivery

    current = delivery.stored_settings_in(session, args.chain_id)
    changes: dict[str, object] = {
        name: value for name in PLAIN_OPTIONS if (value := getattr(args, name)) is not None
    }
    if args.smtp_password_env:
        changes["smtp_password"] = os.environ[args.smtp_password_env]
    if args.webhook_header is not None:
        headers: dict[str, str] = {}
        for item in args.webhook_header:
            name, _, variable = item.partition("=")
            headers[name] = os.environ[variable]
        changes["webhook_headers"] = headers
    return DeliveryIn.model_validate({**current.model_dump(), **changes})


def _secrets(
    sessions: sessionmaker[Session], box: secrets.SecretBox, args: argparse.Namespace
) -> int:
    """`secrets seal` and `secrets rotate` (old key: `box`), each in one transaction."""
    try:
        with unit_of_work(sessions) as session:
            if args.action == "seal":
                print(f"sealed: {secrets.seal_clear_values(session, box).line()}")
                return 0
            new = secrets.SecretBox(secrets.read_key_file(args.new_key_file))
            if new.key_id == box.key_id:
                print(
                    "A nova chave é a mesma de agora: nada a fazer.\n"
                    "The new key is the current one: nothing to do.",
                    file=sys.stderr,
                )
                return 2
            print(f"rotated: {secrets.rotate(session, box, new).line()}")
            print(
                f"key id {box.key_id} -> {new.key_id}: restart the endpoint with the new key "
                f"(${secrets.KEY_ENV} or ${secrets.KEY_FILE_ENV})"
            )
            return 0
    except secrets.WrongSecretKey as wrong:
        print(f"{wrong.pt()} Nada foi alterado.\n{wrong.en()} Nothing changed.", file=sys.stderr)
        return 1


def _deliver(sessions: sessionmaker[Session], *, once: bool, interval: float) -> int:
    from cloud.delivery import DeliveryLoop, deliver_due

    if once:
        print(deliver_due(sessions).line())
        return 0
    DeliveryLoop(sessions, interval).run_forever()
    return 0


def _identity(session: Session, args: argparse.Namespace) -> None:
    """terminal list / move, token revoke, key rotate, audit, quarantine (one transaction)."""
    from cloud import quarantine, registry

    registry.known_chain(session, args.chain_id)
    if args.command == "terminal" and args.action == "list":
        print(json.dumps(terminals.listed(session, args.chain_id), indent=2, ensure_ascii=False))
    elif args.command == "terminal":
        token = terminals.move(session, args.chain_id, args.terminal_id, args.reason, ACTOR_CLI)
        print(f"terminal_id: {args.terminal_id}")
        print(f"token: {token}")
        print("(the token is shown only now; the old one is revoked)")
    elif args.command == "token":
        revoked = terminals.revoke(session, args.chain_id, args.terminal_id, args.reason, ACTOR_CLI)
        print(f"revoked: {revoked.id} ({revoked.name})")
    elif args.command == "key":
        print(f"admin_key: {terminals.rotate_admin_key(session, args.chain_id, ACTOR_CLI)}")
        print("(the admin key is shown only now; the old one stops working)")
    elif args.command == "audit":
        entries = terminals.audit_listed(session, args.chain_id)
        print(json.dumps(entries, indent=2, ensure_ascii=False))
    else:
        print(json.dumps(quarantine.listed(session, args.chain_id), indent=2, ensure_ascii=False))


def _serve(args: argparse.Namespace) -> int:
    """Refuse to start without the secret key; upgrade, seal what is left in clear, serve.

    Each of the `--workers` processes builds its app from the settings put in the
    environment (cloud.serving).
    """
    import uvicorn

    from cloud.serving import settings_for_workers

    if bool(args.certfile) != bool(args.keyfile):
        print(
            "--certfile e --keyfile vão juntos.\n--certfile and --keyfile go together.",
            file=sys.stderr,
        )
        return 2
    box = secrets.SecretBox.from_environment()
    upgrade(args.database_url)
    engine = make_engine(args.database_url, pool_size=1)
    try:
        with unit_of_work(make_sessions(engine)) as session:
            sealed = secrets.seal_clear_values(session, box)
    finally:
        engine.dispose()
    if sealed != secrets.SealCount():
        print(f"posapp-cloud: sealed the values left in clear: {sealed.line()}", file=sys.stderr)
    settings_for_workers(
        args.database_url,
        delivery_interval=args.delivery_interval,
        rate=RateLimit(args.rate_limit, args.rate_burst),
        body_limits=BodyLimits(push=args.max_push_bytes, default=args.max_body_bytes),
        clock_skew_days=args.clock_skew_days,
        push_slots=max(1, args.push_slots),
    )
    options: dict[str, Any] = {}
    if args.forwarded_allow_ips:
        options.update(proxy_headers=True, forwarded_allow_ips=args.forwarded_allow_ips)
    else:
        options.update(proxy_headers=False)
    uvicorn.run(
        "cloud.serving:app_from_environment",
        factory=True,
        host=args.host,
        port=args.port,
        workers=max(1, args.workers),
        log_level="warning",
        ssl_certfile=args.certfile,
        ssl_keyfile=args.keyfile,
        **options,
    )
    return 0
