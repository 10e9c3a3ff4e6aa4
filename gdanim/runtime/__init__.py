"""gdanim.runtime."""
