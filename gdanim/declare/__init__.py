"""gdanim.declare."""
