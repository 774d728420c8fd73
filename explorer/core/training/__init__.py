"""The tutorial's polynomial fit without Qt: the presets (four versions of the program),
the runner that trains one, the step's loss graph, and `autograd-explorer train`."""
