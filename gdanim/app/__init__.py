"""gdanim.app."""
