from haertefall.cli import main

main()
