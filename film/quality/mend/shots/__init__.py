"""What the camera sees: action lines that show nothing, and a lone film of one person."""
