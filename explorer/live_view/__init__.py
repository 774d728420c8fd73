"""The Qt half of graphs from running code: drawings, the explorer window on them, `trace`."""
