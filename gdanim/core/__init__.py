"""gdanim.core."""
