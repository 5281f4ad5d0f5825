from alphasolve.cli import main

main()
