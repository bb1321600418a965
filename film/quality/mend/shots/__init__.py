"""What the camera sees: the exact fixes of action lines that show nothing."""
