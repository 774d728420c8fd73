"""Classroom: presentation mode, the light and dark themes, and recording replays to video."""
