"""`posapp-cloud`: serve the endpoint, create chains, add terminals."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from cloud.db import make_engine, make_sessions, unit_of_work, upgrade
from cloud.errors import ApiError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="posapp-cloud", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="upgrade the schema, then serve the endpoint")
    serve.add_argument("--database-url", required=True, help="postgresql://user@host:port/db")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)

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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "serve":
        return _serve(args.database_url, args.host, args.port)
    upgrade(args.database_url)
    engine = make_engine(args.database_url, pool_size=1)
    try:
        with unit_of_work(make_sessions(engine)) as session:
            from cloud import registry

            if args.command == "chain":
                chain = registry.create_chain(session, args.name)
                print(f"chain_id: {chain.chain_id}")
                print(f"admin_key: {chain.admin_key}")
                print(f"webhook_secret: {chain.webhook_secret}")
                print("(the admin key and webhook secret are shown only now)")
            else:
                made = registry.add_terminal(session, args.chain_id, args.name)
                print(f"terminal_id: {made.terminal_id}")
                print(f"token: {made.token}")
                print("(the token is shown only now)")
    except ApiError as error:
        print(error.message_en, file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0


def _serve(database_url: str, host: str, port: int) -> int:
    import uvicorn

    from cloud.app import create_app

    upgrade(database_url)
    uvicorn.run(create_app(database_url), host=host, port=port, log_level="warning")
    return 0
