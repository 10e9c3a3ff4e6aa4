"""gdanim.compute."""
