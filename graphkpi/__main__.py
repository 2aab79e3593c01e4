from graphkpi.cli import run

run()
