"""Sub-commands of ``opentid``: one module each, exposing ``register(subparsers)``.

A command module defines ``register(sub)`` that calls ``sub.add_parser(NAME, help=..., description=...)``,
adds its arguments and sets ``func=run`` where ``run(args) -> int`` returns the exit status.
``args.data`` is the data folder (a Path). Raise ``datasets.cli.UserError`` for errors the user can fix.
"""
