"""``python -m gdanim`` is the ``gdanim`` command."""
from .cli import command

command()
