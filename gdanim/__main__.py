"""``python -m gdanim`` is the ``gdanim`` command."""
from gdanim.app.cli import command

command()
