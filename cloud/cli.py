"""`posapp-cloud`: serve the endpoint, create chains, add terminals, move the expiry role,
deliver messages, make, seal with and rotate the secret key."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from pydantic import ValidationError
from sqlalchemy.orm import Session, sessionmaker

from cloud import secrets
from cloud.db import make_engine, make_sessions, unit_of_work, upgrade
from cloud.errors import ApiError
from cloud.schemas import DeliveryIn

INTERVAL_ENV = "POSAPP_CLOUD_DELIVERY_INTERVAL"
DEFAULT_INTERVAL = 30.0
PLAIN_OPTIONS = (
    "smtp_host", "smtp_port", "smtp_tls", "smtp_username", "smtp_sender",
    "webhook_url", "webhook_body_template",
)  # fmt: skip
"""`delivery set` options copied as given (the secrets come from the environment)."""


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
            return _serve(args.database_url, args.host, args.port, args.delivery_interval)
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
                print(f"expiry_terminal_id: {moved.id}")
                print(f"name: {moved.name}")
            elif args.command == "terminal":
                made = registry.add_terminal(session, args.chain_id, args.name)
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


def _serve(database_url: str, host: str, port: int, delivery_interval: float) -> int:
    """Refuse to start without the secret key; upgrade, seal what is left in clear, serve."""
    import uvicorn

    from cloud.app import create_app

    box = secrets.SecretBox.from_environment()
    upgrade(database_url)
    engine = make_engine(database_url, pool_size=1)
    try:
        with unit_of_work(make_sessions(engine)) as session:
            sealed = secrets.seal_clear_values(session, box)
    finally:
        engine.dispose()
    if sealed != secrets.SealCount():
        print(f"posapp-cloud: sealed the values left in clear: {sealed.line()}", file=sys.stderr)
    app = create_app(database_url, delivery_interval=delivery_interval, box=box)
    uvicorn.run(app, host=host, port=port, log_level="warning")
    return 0
