"""gdanim.rendering."""
