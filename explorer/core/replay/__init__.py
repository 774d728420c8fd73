"""What the animation replays, without Qt: engine events -> timeline steps, the words and
numbers that explain each step, and the finite-difference gradient check."""
