"""gdanim.encode."""
