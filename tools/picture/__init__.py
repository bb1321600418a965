"""Pictures: storyboard panels, genre looks, typesetting, motion, cards and cover."""
