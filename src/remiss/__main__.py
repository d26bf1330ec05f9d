from remiss.cli import main

main()
