from graphkpi.cli import main

main()
