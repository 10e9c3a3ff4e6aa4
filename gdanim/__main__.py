"""``python -m gdanim`` is the ``gdanim`` command."""
from .cli import main

main(prog_name="gdanim")
