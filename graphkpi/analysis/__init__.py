"""Tables planners and auditors ask for, built from the graph and its findings."""
