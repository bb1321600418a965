"""Reading a turn: the input guard, intent and length rules, and craft questions."""
